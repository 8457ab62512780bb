package io.chaoscast.connectors.serde;

import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.DeadLetterReason;

/**
 * A record that cannot be used, with the reason that goes to the dead-letter topic. The message is
 * cut to {@link DeadLetter#MAX_MESSAGE_CHARS}: it travels in a header beside the original record.
 */
public final class InvalidRecordException extends Exception {

  private final DeadLetterReason reason;
  private final String stream;

  public InvalidRecordException(DeadLetterReason reason, String message, String stream) {
    super(DeadLetter.boundMessage(message), null, false, false);
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
