package io.chaoscast.models.invariants;

/**
 * A largest-Lyapunov-exponent estimate.
 *
 * @param value lambda_1 per time unit (per iteration for maps)
 * @param standardError standard error from independent blocks (see the estimator)
 * @param method which estimator produced it
 */
public record LyapunovEstimate(double value, double standardError, String method) {}
