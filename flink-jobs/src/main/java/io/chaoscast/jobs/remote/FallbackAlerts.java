package io.chaoscast.jobs.remote;

import io.chaoscast.connectors.schema.Alert;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Turns the breaker's state changes into {@code INFERENCE_FALLBACK} alerts: OPEN when the breaker
 * first opens (forecasts now come from the fallback), RESOLVED when a probe closes it again (remote
 * forecasts are back). A failed probe (HALF_OPEN back to OPEN) raises nothing new: the condition is
 * still the one already open. The alert is about the job, not a stream: its stream id is {@value
 * #STREAM}; its time is the wall clock (the condition is about the service, not the data); its
 * score is 1 while the fallback is active and 0 once resolved, against a threshold of 1.
 */
public final class FallbackAlerts implements CircuitBreaker.Listener {

  public static final String STREAM = "*";

  private final String server;
  private final String fallbackId;
  private final int subtask;
  private final LongSupplier wallClockMillis;
  private final Consumer<Alert> out;

  /**
   * @param server the inference URL, named in the details
   * @param subtask the operator subtask whose breaker this is (each subtask has its own)
   */
  public FallbackAlerts(
      String server,
      String fallbackId,
      int subtask,
      LongSupplier wallClockMillis,
      Consumer<Alert> out) {
    this.server = server;
    this.fallbackId = fallbackId;
    this.subtask = subtask;
    this.wallClockMillis = wallClockMillis;
    this.out = out;
  }

  @Override
  public void onStateChange(CircuitBreaker.State from, CircuitBreaker.State to) {
    if (from == CircuitBreaker.State.CLOSED && to == CircuitBreaker.State.OPEN) {
      out.accept(
          alert(
              Alert.State.OPEN,
              1,
              "remote inference at "
                  + server
                  + " is unavailable (circuit breaker open); subtask "
                  + subtask
                  + " forecasts with the fallback model "
                  + fallbackId
                  + "; score 1 = fallback active"));
    } else if (to == CircuitBreaker.State.CLOSED) {
      out.accept(
          alert(
              Alert.State.RESOLVED,
              0,
              "remote inference at "
                  + server
                  + " answers again; subtask "
                  + subtask
                  + " forecasts remotely; score 0 = fallback over"));
    }
  }

  private Alert alert(Alert.State state, double score, String details) {
    return new Alert(
        STREAM,
        wallClockMillis.getAsLong(),
        Alert.Kind.INFERENCE_FALLBACK,
        Alert.Severity.WARNING,
        score,
        1,
        state,
        details);
  }
}
