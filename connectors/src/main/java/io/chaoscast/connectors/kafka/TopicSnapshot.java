package io.chaoscast.connectors.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Everything committed on a topic up to now, read once from the beginning of every partition to the
 * end offsets taken at the start (read_committed, so aborted transactions are skipped). For reports
 * after a run; not for topics that are still growing fast.
 */
public final class TopicSnapshot {

  private static final Duration POLL = Duration.ofMillis(200);

  private TopicSnapshot() {}

  /**
   * @param client bootstrap servers and client properties (security); no group is committed
   * @return the records, in offset order within each partition (and possibly a few written after
   *     the start)
   */
  public static List<ConsumerRecord<byte[], byte[]>> read(Properties client, String topic) {
    Properties p = new Properties();
    p.putAll(client);
    p.put("group.id", "snapshot-" + UUID.randomUUID());
    p.put("enable.auto.commit", "false");
    p.put("isolation.level", "read_committed");
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
      while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        for (var r : consumer.poll(POLL)) records.add(r);
      }
    }
    return records;
  }
}
