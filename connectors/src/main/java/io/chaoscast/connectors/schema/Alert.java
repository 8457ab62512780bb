package io.chaoscast.connectors.schema;

import java.util.List;

/**
 * An alert event on the {@code alerts} topic. Each condition produces one {@link State#OPEN} event
 * and, when it clears, one {@link State#RESOLVED} event with the same kind.
 *
 * @param stream stream id
 * @param timeMillis event time at which the state changed
 * @param kind what was detected
 * @param severity how bad, from the size of the excursion
 * @param score the measured value (its unit depends on the kind and is named in details)
 * @param threshold the value the score was compared with
 * @param state OPEN or RESOLVED
 * @param details human-readable explanation
 * @param sinceMillis event time at which the condition behind the alert began (drift alerts: the
 *     earliest excursion of a signal that fired); equals timeMillis where that is not known apart
 * @param signals for drift alerts, the signals that fired and by how much; empty otherwise
 */
public record Alert(
    String stream,
    long timeMillis,
    Kind kind,
    Severity severity,
    double score,
    double threshold,
    State state,
    String details,
    long sinceMillis,
    List<SignalReading> signals) {

  public Alert {
    signals = signals == null ? List.of() : List.copyOf(signals);
  }

  /** An alert without signal readings (the data-quality kinds): since = time. */
  public Alert(
      String stream,
      long timeMillis,
      Kind kind,
      Severity severity,
      double score,
      double threshold,
      State state,
      String details) {
    this(
        stream,
        timeMillis,
        kind,
        severity,
        score,
        threshold,
        state,
        details,
        timeMillis,
        List.of());
  }

  /**
   * One signal behind a drift alert (definitions in docs/drift.md).
   *
   * @param signal the signal's key with its unit, e.g. {@code log_rsa_dissimilarity}
   * @param z its largest excursion from the baseline, in baseline units (signed)
   * @param value the signal's value at that excursion
   * @param baseline the baseline median it is compared with
   * @param sinceMillis event time at which this excursion began
   * @param detectors the detectors (PageHinkley, ADWIN, KSWIN) that flagged it
   */
  public record SignalReading(
      String signal,
      double z,
      double value,
      double baseline,
      long sinceMillis,
      List<String> detectors) {
    public SignalReading {
      detectors = detectors == null ? List.of() : List.copyOf(detectors);
    }
  }

  /** Kinds of alert: data-quality kinds (docs/alerts.md), then drift kinds (docs/drift.md). */
  public enum Kind {
    /** The stream sent nothing for longer than the gap threshold while time moved on. */
    GAP,
    /** A channel repeated exactly the same value for too many samples (stuck sensor). */
    FLAT_LINE,
    /** Too many records with NaN/Infinity/null values among the recent ones. */
    NAN_BURST,
    /** Several consecutive records arrived with a channel count other than the stream's. */
    CHANNEL_COUNT_CHANGE,
    /**
     * Remote inference is unavailable and forecasts come from the in-process fallback model; stream
     * {@code *} (the whole job, not one stream).
     */
    INFERENCE_FALLBACK,
    /**
     * The stream's dynamics changed: attractor occupancy, geometry, entropy, finite-time growth.
     */
    DYNAMICS_DRIFT,
    /** The monitor's baseline forecaster lost (or gained) skill on the stream. */
    FORECAST_SKILL_DRIFT,
    /** Rollouts leave the attractor's region, blow up or collapse to a fixed point. */
    ROLLOUT_INSTABILITY,
    /**
     * A short anomaly of one stream: its newest observations are far more surprising to the
     * monitor's one-step forecast than its recent errors (spike, level shift, stuck value); the
     * three kinds above are lasting drifts.
     */
    ANOMALY,
    /** Many streams opened drift alerts at once; one aggregate alert ({@code stream "*"}). */
    DRIFT_STORM,
    /**
     * The stream's records failed inside the job {@code limits.quarantine_after_failures} times in
     * a row; its records are dead-lettered as {@code quarantined} until the quarantine ends.
     */
    STREAM_QUARANTINED,
    /**
     * A subtask holds {@code limits.max_streams_per_subtask} live streams and dead-letters the
     * records of new ones; stream {@code *}.
     */
    STREAM_LIMIT;

    /** Whether the data-quality stage raises this kind (else the drift monitor does). */
    public boolean dataQuality() {
      return ordinal() <= CHANNEL_COUNT_CHANGE.ordinal();
    }
  }

  public enum Severity {
    INFO,
    WARNING,
    CRITICAL
  }

  public enum State {
    OPEN,
    RESOLVED
  }
}
