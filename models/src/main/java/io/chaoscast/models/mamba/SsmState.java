package io.chaoscast.models.mamba;

import ai.djl.ndarray.NDArray;

/**
 * Recurrent state of one selective SSM layer between tokens: the last K - 1 inputs of the causal
 * convolution ({@code [B, K-1, E]}) and the SSM hidden state h ({@code [B, N, E]}, {@link
 * SelectiveSsm}'s layout).
 */
public record SsmState(NDArray conv, NDArray ssm) {}
