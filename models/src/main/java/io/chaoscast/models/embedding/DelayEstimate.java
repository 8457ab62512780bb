package io.chaoscast.models.embedding;

/**
 * A chosen delay and how it was found.
 *
 * @param tau delay in samples
 * @param method {@code "ami-first-minimum"}, {@code "acf-1/e"} or {@code "default"}
 */
public record DelayEstimate(int tau, String method) {}
