package io.chaoscast.jobs.remote;

import java.util.function.LongSupplier;

/**
 * The circuit breaker of Nygard's "Release It!" (2nd ed., ch. 5): CLOSED lets calls through and
 * counts failures; it trips to OPEN after {@code consecutiveFailures} failures in a row, or when at
 * least {@code failureRate} of the last {@code windowCalls} calls failed (once that many were
 * made). OPEN refuses calls until {@code coolDownNanos} have passed, then lets exactly one probe
 * through (HALF_OPEN); the probe's success closes the breaker, its failure opens it again for
 * another cool-down. One operator thread drives it; other threads may only read {@link #state}.
 * Time comes from an injectable clock so the state machine is tested without sleeping.
 */
public final class CircuitBreaker {

  public enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  /** Hears every state change, on the calling thread. */
  @FunctionalInterface
  public interface Listener {
    void onStateChange(State from, State to);
  }

  /**
   * @param consecutiveFailures failures in a row that open the breaker (>= 1)
   * @param failureRate fraction of failed calls in the window that opens it, in (0, 1]
   * @param windowCalls calls the failure rate is measured over (>= 1)
   * @param coolDownNanos time the breaker stays open before one probe is let through
   */
  public record Thresholds(
      int consecutiveFailures, double failureRate, int windowCalls, long coolDownNanos) {
    public Thresholds {
      if (consecutiveFailures < 1 || windowCalls < 1 || coolDownNanos < 0)
        throw new IllegalArgumentException(
            "need consecutiveFailures >= 1, windowCalls >= 1, coolDown >= 0");
      if (!(failureRate > 0 && failureRate <= 1))
        throw new IllegalArgumentException("failureRate must be in (0, 1]");
    }
  }

  private final Thresholds thresholds;
  private final LongSupplier nanoClock;
  private final Listener listener;
  private final boolean[] window; // true = failed, a ring over the last windowCalls outcomes
  private int windowSize;
  private int windowNext;
  private int windowFailures;
  private int failuresInARow;
  private volatile State state = State.CLOSED; // read by the metrics reporter's gauge thread
  private long openedAtNanos;
  private boolean probeInFlight;

  public CircuitBreaker(Thresholds thresholds, LongSupplier nanoClock, Listener listener) {
    this.thresholds = thresholds;
    this.nanoClock = nanoClock;
    this.listener = listener;
    this.window = new boolean[thresholds.windowCalls()];
  }

  public State state() {
    return state;
  }

  /**
   * Whether a call may go out now. In HALF_OPEN only the first caller gets {@code true} (the probe)
   * until it reports its outcome.
   */
  public boolean tryAcquire() {
    switch (state) {
      case CLOSED:
        return true;
      case OPEN:
        if (nanoClock.getAsLong() - openedAtNanos < thresholds.coolDownNanos()) return false;
        transition(State.HALF_OPEN);
        probeInFlight = true;
        return true;
      default:
        if (probeInFlight) return false;
        probeInFlight = true;
        return true;
    }
  }

  /** The call let through by {@link #tryAcquire} succeeded. */
  public void onSuccess() {
    if (state == State.HALF_OPEN) {
      probeInFlight = false;
      resetCounts();
      transition(State.CLOSED);
      return;
    }
    failuresInARow = 0;
    record(false);
  }

  /** The call let through by {@link #tryAcquire} failed. */
  public void onFailure() {
    if (state == State.HALF_OPEN) {
      probeInFlight = false;
      open();
      return;
    }
    failuresInARow++;
    record(true);
    boolean rateTripped =
        windowSize == window.length && windowFailures >= thresholds.failureRate() * window.length;
    if (failuresInARow >= thresholds.consecutiveFailures() || rateTripped) open();
  }

  private void record(boolean failed) {
    if (windowSize == window.length) {
      if (window[windowNext]) windowFailures--;
    } else {
      windowSize++;
    }
    window[windowNext] = failed;
    if (failed) windowFailures++;
    windowNext = (windowNext + 1) % window.length;
  }

  private void open() {
    openedAtNanos = nanoClock.getAsLong();
    resetCounts();
    transition(State.OPEN);
  }

  private void resetCounts() {
    windowSize = 0;
    windowNext = 0;
    windowFailures = 0;
    failuresInARow = 0;
  }

  private void transition(State to) {
    State from = state;
    if (from == to) return;
    state = to;
    listener.onStateChange(from, to);
  }
}
