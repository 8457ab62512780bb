package io.chaoscast.jobs.drift;

/**
 * The model serving a stream produced a forecast that is not finite (it diverged, on values near
 * the double range say). The forecast is not published; this event feeds the stream's drift
 * monitor, which counts it as a failed rollout in its {@code rollout_failure_fraction}.
 *
 * @param stream the stream the forecast was for
 * @param issuedAtMillis the event time the forecast was issued at
 */
public record ServedRolloutFailure(String stream, long issuedAtMillis) {}
