package io.chaoscast.jobs.isolation;

import io.chaoscast.connectors.schema.Alert;
import io.chaoscast.jobs.config.JobConfig;
import java.io.Serializable;

/**
 * The quarantine rule, independent of where its state lives: after {@code afterFailures}
 * consecutive failures a stream is quarantined for {@code durationMs} of processing time. The
 * STREAM_QUARANTINED alerts carry processing time: a quarantine is a wall-clock matter.
 *
 * @param stage the operator that quarantined the stream, named in the alert
 */
public record Quarantine(int afterFailures, long durationMs, String stage) implements Serializable {

  public Quarantine {
    if (afterFailures < 1 || durationMs < 1)
      throw new IllegalArgumentException("need afterFailures >= 1, durationMs >= 1");
  }

  /** The rule of {@code limits.quarantine_after_failures} and {@code limits.quarantine_ms}. */
  public static Quarantine of(JobConfig.Limits limits, String stage) {
    return new Quarantine(limits.quarantineAfterFailures(), limits.quarantineMs(), stage);
  }

  /** Counts a failure; returns the OPEN alert when this failure starts a quarantine, else null. */
  public Alert onFailure(QuarantineState s, String stream, long now, String cause) {
    s.failures++;
    if (s.failures < afterFailures || s.quarantined()) return null;
    s.releaseAt = now + durationMs;
    return new Alert(
        stream,
        now,
        Alert.Kind.STREAM_QUARANTINED,
        Alert.Severity.CRITICAL,
        s.failures,
        afterFailures,
        Alert.State.OPEN,
        s.failures
            + " consecutive failures in "
            + stage
            + ", the last "
            + cause
            + "; records are dead-lettered as quarantined for "
            + durationMs
            + " ms");
  }

  /** The dead-letter message of a record of {@code stream} while it is quarantined. */
  public String deadLetterMessage(String stream, QuarantineState s) {
    return "stream " + stream + " is quarantined until " + s.releaseAt;
  }

  /** The RESOLVED alert of a quarantine that ended at {@code now}. */
  public Alert released(String stream, long now) {
    return new Alert(
        stream,
        now,
        Alert.Kind.STREAM_QUARANTINED,
        Alert.Severity.INFO,
        0,
        afterFailures,
        Alert.State.RESOLVED,
        "released from quarantine in " + stage + " after " + durationMs + " ms");
  }
}
