package io.chaoscast.connectors.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.chaoscast.connectors.serde.Json;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes records as JSON, keyed by stream id so that each stream's output stays ordered within one
 * partition.
 */
public final class JsonRecordSerializer<T> implements SingleTopicSerializer<T> {

  private static final long serialVersionUID = 1L;

  private final String topic;
  private final KeySelector<T, String> streamOf;

  public JsonRecordSerializer(String topic, KeySelector<T, String> streamOf) {
    this.topic = topic;
    this.streamOf = streamOf;
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      T element, KafkaSinkContext context, Long timestamp) {
    try {
      byte[] key = streamOf.getKey(element).getBytes(StandardCharsets.UTF_8);
      byte[] value = Json.mapper().writeValueAsBytes(element);
      return new ProducerRecord<>(topic, null, timestamp, key, value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + element.getClass().getSimpleName(), e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the stream id of " + element, e);
    }
  }
}
