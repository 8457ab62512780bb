package io.chaoscast.connectors.schema;

/**
 * Why a record went to the dead-letter topic. {@link #code()} is the stable, machine-readable form.
 */
public enum DeadLetterReason {
  /** The record value is longer than {@code limits.max_record_bytes}; it was not parsed. */
  RECORD_TOO_LARGE("record_too_large"),
  /** The value is not a JSON object. */
  MALFORMED_JSON("malformed_json"),
  /** A required field (stream, ts, values) is absent. */
  MISSING_FIELD("missing_field"),
  /**
   * A field has the wrong type or an unusable value (empty values, unparseable or out-of-range
   * time, a stream id, channel name or channel count over its limit...).
   */
  INVALID_FIELD("invalid_field"),
  /** A value is NaN, Infinity or null. */
  NON_FINITE_VALUE("non_finite_value"),
  /** The record's channel count differs from the stream's. */
  CHANNEL_COUNT_MISMATCH("channel_count_mismatch"),
  /** The event time is further from the Kafka timestamp than the allowed skew. */
  TIMESTAMP_SKEW("timestamp_skew"),
  /**
   * The event time is further ahead of the Kafka timestamp or the job's clock than {@code
   * event_time.max_future_skew_ms}.
   */
  FUTURE_TIMESTAMP("future_timestamp"),
  /** The event time is behind the watermark: it arrived after its slot was processed. */
  LATE("late"),
  /** The stream already has a record at this event time. */
  DUPLICATE_TIMESTAMP("duplicate_timestamp"),
  /**
   * Processing the record failed inside the job (a defect or a resource the record exhausted); the
   * message names the exception class. The job keeps running for every other record and stream.
   */
  INTERNAL_ERROR("internal_error"),
  /**
   * The record's stream failed {@code limits.quarantine_after_failures} times in a row and is
   * quarantined for {@code limits.quarantine_ms}; its records skip processing until then.
   */
  QUARANTINED("quarantined"),
  /**
   * A new stream arrived while its subtask already kept state for {@code
   * limits.max_streams_per_subtask} live streams.
   */
  TOO_MANY_STREAMS("too_many_streams");

  private final String code;

  DeadLetterReason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
