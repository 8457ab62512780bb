/**
 * Pure-Java inference of the Mamba forecaster (no DJL, no native code) from the portable f32
 * export: the reference the CUDA kernels are checked against, and the CPU fallback of {@link
 * io.chaoscast.models.mamba.cuda.MambaEngines}. It runs the context as a recurrent scan from the
 * zero state (identical to the parallel scan, Gu and Dao 2023, Sec. 3.3) and rolls the horizon out
 * carrying each layer's conv and SSM state; streams run in parallel on a ForkJoinPool. A token is
 * computed by the scalar reference kernel or, on a JVM with {@code jdk.incubator.vector}, by the
 * vector kernel ({@link io.chaoscast.models.mamba.cpu.JavaMambaEngine.Kernel}).
 */
package io.chaoscast.models.mamba.cpu;
