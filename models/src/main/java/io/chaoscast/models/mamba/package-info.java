/**
 * Mamba forecasters on DJL: selective state-space blocks (Gu and Dao 2023, "Mamba: Linear-Time
 * Sequence Modeling with Selective State Spaces", Algorithm 2), fed with tokens made of
 * delay-embedded patches of the stream as in PhyxMamba (Liu et al. 2025), with RMSNorm, a residual
 * stack and a linear next-patch decoder. Inference runs the context once and rolls the horizon out
 * in recurrent mode, carrying each layer's convolution and SSM state, so a forecast costs O(L + H).
 */
package io.chaoscast.models.mamba;
