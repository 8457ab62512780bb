/**
 * A portable, DJL-free form of a Mamba artifact's weights: {@code mamba.f32} (the tensors as
 * little-endian float32, concatenated) and {@code mamba.f32.json} (architecture, normalisation and
 * an index of name, shape and offset). Any runtime (Java, CUDA, PyTorch, numpy) can read it without
 * DJL. {@link io.chaoscast.models.mamba.f32.MambaWeights} is the typed view the engines use.
 */
package io.chaoscast.models.mamba.f32;
