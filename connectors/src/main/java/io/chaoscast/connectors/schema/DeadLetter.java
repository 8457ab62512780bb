package io.chaoscast.connectors.schema;

/**
 * A record that could not be used, on its way to the dead-letter topic. The Kafka record written
 * there carries the original key and value bytes unchanged (unless they alone exceed the topic's
 * size limit); reason, message and origin travel in headers (see {@link
 * io.chaoscast.connectors.kafka.DeadLetterSerializer}).
 *
 * @param reason machine-readable reason
 * @param message what exactly was wrong, for a human; cut to {@link #MAX_MESSAGE_CHARS}
 * @param stream the stream id when it could be read, else null; cut to {@link #MAX_STREAM_CHARS}
 * @param source the record as it arrived
 */
public record DeadLetter(
    DeadLetterReason reason, String message, String stream, SourceRecord source) {

  /**
   * Longest message kept. The message is a header beside the original record, so it must not grow
   * with the input: an offending value is quoted only as an excerpt.
   */
  public static final int MAX_MESSAGE_CHARS = 200;

  /** Longest stream id kept in the header (stream ids the parser accepts are shorter anyway). */
  public static final int MAX_STREAM_CHARS = 1024;

  public DeadLetter {
    message = boundMessage(message);
    stream = cut(stream, MAX_STREAM_CHARS);
  }

  /** {@code message}, cut to {@link #MAX_MESSAGE_CHARS} with a visible ellipsis. */
  public static String boundMessage(String message) {
    return cut(message == null ? "" : message, MAX_MESSAGE_CHARS);
  }

  private static String cut(String s, int max) {
    if (s == null || s.length() <= max) return s;
    int end = max - 1;
    if (Character.isHighSurrogate(s.charAt(end - 1))) end--; // never split a surrogate pair
    return s.substring(0, end) + "…";
  }
}
