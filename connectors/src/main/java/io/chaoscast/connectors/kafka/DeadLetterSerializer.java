package io.chaoscast.connectors.kafka;

import io.chaoscast.connectors.schema.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes a dead letter as the original record (same key, same value bytes, same timestamp) with the
 * reason in headers, the convention of Kafka Connect's dead-letter queues, so that a fixed record
 * can be replayed by copying it back unchanged.
 *
 * <p>A dead letter must always fit the producer's {@code max.request.size}: one that does not fails
 * the dead-letter sink, and with it the job, on every restore. The headers are bounded (the message
 * by {@link DeadLetter#MAX_MESSAGE_CHARS}), so only an original record that alone is near the limit
 * can overflow; such a record is cut to fit, the {@value #TRUNCATED_HEADER} header gives its
 * original sizes, and the message says so.
 */
public final class DeadLetterSerializer implements SingleTopicSerializer<DeadLetter> {

  private static final long serialVersionUID = 1L;

  public static final String REASON_HEADER = "dlq.reason";
  public static final String MESSAGE_HEADER = "dlq.message";
  public static final String TOPIC_HEADER = "dlq.source.topic";
  public static final String PARTITION_HEADER = "dlq.source.partition";
  public static final String OFFSET_HEADER = "dlq.source.offset";
  public static final String STREAM_HEADER = "dlq.stream";

  /** Present only when key or value was cut: {@code key K bytes, value V bytes} as they arrived. */
  public static final String TRUNCATED_HEADER = "dlq.truncated";

  /** The producer's default {@code max.request.size}. */
  public static final int DEFAULT_MAX_REQUEST_BYTES = 1_048_576;

  /**
   * Room left for the bounded headers and the record batch's framing (a batch of one record adds
   * about a hundred bytes; the headers at most a few kilobytes).
   */
  public static final int HEADROOM_BYTES = 16_384;

  private final String topic;
  private final int maxKeyAndValueBytes;

  public DeadLetterSerializer(String topic) {
    this(topic, DEFAULT_MAX_REQUEST_BYTES);
  }

  /**
   * @param maxRequestBytes the dead-letter producer's {@code max.request.size}
   */
  public DeadLetterSerializer(String topic, int maxRequestBytes) {
    if (maxRequestBytes <= 2 * HEADROOM_BYTES) {
      throw new IllegalArgumentException(
          "max.request.size must be over " + 2 * HEADROOM_BYTES + " bytes, not " + maxRequestBytes);
    }
    this.topic = topic;
    this.maxKeyAndValueBytes = maxRequestBytes - HEADROOM_BYTES;
  }

  /**
   * A serializer sized for a producer with these client properties: their {@code max.request.size}
   * when set, else Kafka's default.
   */
  public static DeadLetterSerializer forProducer(String topic, Map<String, String> properties) {
    String configured = properties.get("max.request.size");
    if (configured == null) return new DeadLetterSerializer(topic);
    try {
      return new DeadLetterSerializer(topic, Integer.parseInt(configured.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "kafka.properties.max.request.size must be a number of bytes, not '" + configured + "'");
    }
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      DeadLetter letter, KafkaSinkContext context, Long timestamp) {
    var source = letter.source();
    byte[] key = source.key();
    byte[] value = source.value(); // null stays null: a tombstone is dead-lettered as one
    int keyLength = key == null ? 0 : key.length;
    int valueLength = value == null ? 0 : value.length;
    String message = letter.message();
    var headers = new RecordHeaders();
    if (keyLength + valueLength > maxKeyAndValueBytes) {
      // The key gets at most half the room, so that a huge key cannot squeeze the value out.
      int keptKey = Math.min(keyLength, maxKeyAndValueBytes / 2);
      int keptValue = Math.min(valueLength, maxKeyAndValueBytes - keptKey);
      headers.add(
          TRUNCATED_HEADER, utf8("key " + keyLength + " bytes, value " + valueLength + " bytes"));
      key = key == null ? null : Arrays.copyOf(key, keptKey);
      value = value == null ? null : Arrays.copyOf(value, keptValue);
      message =
          DeadLetter.boundMessage(
              "record truncated to fit the dead-letter topic (see "
                  + TRUNCATED_HEADER
                  + "); "
                  + message);
    }
    headers.add(REASON_HEADER, utf8(letter.reason().code()));
    headers.add(MESSAGE_HEADER, utf8(message));
    headers.add(TOPIC_HEADER, utf8(source.topic()));
    headers.add(PARTITION_HEADER, utf8(Integer.toString(source.partition())));
    headers.add(OFFSET_HEADER, utf8(Long.toString(source.offset())));
    if (letter.stream() != null) {
      headers.add(STREAM_HEADER, utf8(letter.stream()));
    }
    // ProducerRecord refuses a negative timestamp (a record without one reads as -1): let the
    // producer stamp it instead of failing the sink.
    Long ts = source.kafkaTimestampMillis() < 0 ? null : source.kafkaTimestampMillis();
    return new ProducerRecord<>(topic, null, ts, key, value, headers);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
