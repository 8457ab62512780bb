package io.chaoscast.connectors.schema;

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
 */
public record Alert(
    String stream,
    long timeMillis,
    Kind kind,
    Severity severity,
    double score,
    double threshold,
    State state,
    String details) {

  /** Kinds of alert. Data-quality kinds come first; drift kinds join them later. */
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
    INFERENCE_FALLBACK
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
