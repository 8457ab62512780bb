package io.chaoscast.connectors.serde;

import io.chaoscast.connectors.schema.DeadLetterReason;

/** A record that cannot be used, with the reason that goes to the dead-letter topic. */
public final class InvalidRecordException extends Exception {

  private final DeadLetterReason reason;
  private final String stream;

  public InvalidRecordException(DeadLetterReason reason, String message, String stream) {
    super(message);
    this.reason = reason;
    this.stream = stream;
  }

  public DeadLetterReason reason() {
    return reason;
  }

  /** The stream id when it could be read, else null. */
  public String stream() {
    return stream;
  }
}
