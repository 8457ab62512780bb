package io.chaoscast.connectors.kafka;

import io.chaoscast.connectors.schema.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes a dead letter as the original record (same key, same value bytes, same timestamp) with the
 * reason in headers, the convention of Kafka Connect's dead-letter queues, so that a fixed record
 * can be replayed by copying it back unchanged.
 */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {

  private static final long serialVersionUID = 1L;

  public static final String REASON_HEADER = "dlq.reason";
  public static final String MESSAGE_HEADER = "dlq.message";
  public static final String TOPIC_HEADER = "dlq.source.topic";
  public static final String PARTITION_HEADER = "dlq.source.partition";
  public static final String OFFSET_HEADER = "dlq.source.offset";
  public static final String STREAM_HEADER = "dlq.stream";

  private final String topic;

  public DeadLetterSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      DeadLetter letter, KafkaSinkContext context, Long timestamp) {
    var source = letter.source();
    var headers = new RecordHeaders();
    headers.add(REASON_HEADER, utf8(letter.reason().code()));
    headers.add(MESSAGE_HEADER, utf8(letter.message()));
    headers.add(TOPIC_HEADER, utf8(source.topic()));
    headers.add(PARTITION_HEADER, utf8(Integer.toString(source.partition())));
    headers.add(OFFSET_HEADER, utf8(Long.toString(source.offset())));
    if (letter.stream() != null) {
      headers.add(STREAM_HEADER, utf8(letter.stream()));
    }
    return new ProducerRecord<>(
        topic, null, source.kafkaTimestampMillis(), source.key(), source.value(), headers);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
