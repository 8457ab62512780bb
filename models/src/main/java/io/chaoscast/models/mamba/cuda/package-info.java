/**
 * GPU serving of the Mamba forecaster on any NVIDIA driver (issue 8): fp32 CUDA kernels
 * (models/src/main/cuda/mamba.cu, committed as PTX for compute_80) loaded through the CUDA driver
 * API with JCuda (only libcuda.so.1 is needed, no toolkit), the engine selector that falls back to
 * the pure-Java engine with a reason, and the benchmark the GPU script runs. Nothing here touches
 * DJL. Kernels follow Gu and Dao 2023 (Mamba, Algorithm 2, eq. 2 and 4).
 */
package io.chaoscast.models.mamba.cuda;
