package io.chaoscast.connectors.kafka;

import io.chaoscast.connectors.schema.SourceRecord;
import java.io.Serializable;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.TransactionNamingStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * A Kafka cluster as the job sees it: bootstrap servers plus client properties (security settings
 * such as {@code security.protocol}, {@code sasl.*}, {@code ssl.*} pass through unchanged), and the
 * factory for the job's sources and sinks.
 */
public record KafkaEndpoint(String bootstrapServers, Map<String, String> clientProperties)
    implements Serializable {

  /**
   * Transactions must not outlive the broker's {@code transaction.max.timeout.ms} (15 min by
   * default), or the producer is fenced on start.
   */
  public static final String DEFAULT_TRANSACTION_TIMEOUT_MS = "300000";

  public KafkaEndpoint {
    clientProperties = Map.copyOf(clientProperties);
  }

  /**
   * The property names only: the values include the JAAS line and store passwords, and a record's
   * own {@code toString} would put them in any log line or exception that mentions the endpoint.
   */
  @Override
  public String toString() {
    return "KafkaEndpoint[bootstrapServers="
        + bootstrapServers
        + ", clientProperties="
        + new java.util.TreeSet<>(clientProperties.keySet())
        + "]";
  }

  public Properties properties() {
    Properties p = new Properties();
    p.putAll(clientProperties);
    p.put("bootstrap.servers", bootstrapServers);
    return p;
  }

  /**
   * The raw observation source. It starts from the group's committed offsets (earliest when there
   * are none); offsets are also kept in Flink checkpoints, which is what recovery uses.
   *
   * @param bounded stop at the offsets that are latest at start (replays and tests)
   */
  public KafkaSource<SourceRecord> observationSource(
      String topic, String groupId, boolean bounded) {
    return source(
        topic, groupId, bounded, OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST));
  }

  /**
   * A control source that a fresh job reads from the end, ignoring what was written before it
   * started (a restored job still continues from the offsets in its checkpoint).
   */
  public KafkaSource<SourceRecord> newRecordsSource(String topic, String groupId, boolean bounded) {
    return source(topic, groupId, bounded, OffsetsInitializer.latest());
  }

  private KafkaSource<SourceRecord> source(
      String topic, String groupId, boolean bounded, OffsetsInitializer start) {
    var builder =
        KafkaSource.<SourceRecord>builder()
            .setProperties(properties())
            .setTopics(topic)
            .setGroupId(groupId)
            .setStartingOffsets(start)
            .setDeserializer(new SourceRecordDeserializer())
            // Read only committed input, so upstream exactly-once producers stay exactly-once.
            .setProperty("isolation.level", "read_committed");
    if (bounded) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }

  /**
   * A sink; with {@link DeliveryGuarantee#EXACTLY_ONCE} records are written in Kafka transactions
   * committed when a checkpoint completes, so read-committed consumers see them only then. Each
   * sink subtask reuses a small pool of transactional ids rather than taking a new one per
   * checkpoint (Flink's default): the broker remembers every id for {@code
   * transactional.id.expiration.ms}, 7 days by default, which at 1-s checkpoints is millions of ids
   * per sink subtask. On a restart the sink aborts what a failed attempt left open by listing the
   * open transactions on its topic (Kafka 3.0+; on a secured cluster the job's principal needs
   * Describe on its transactional ids and Read on the topic, docs/security.md).
   */
  public <T> KafkaSink<T> sink(
      SingleTopicSerializer<T> serializer,
      DeliveryGuarantee guarantee,
      String transactionalIdPrefix) {
    Properties producer = properties();
    producer.putIfAbsent("transaction.timeout.ms", DEFAULT_TRANSACTION_TIMEOUT_MS);
    return KafkaSink.<T>builder()
        .setBootstrapServers(bootstrapServers)
        .setKafkaProducerConfig(producer)
        .setRecordSerializer(serializer)
        .setDeliveryGuarantee(guarantee)
        .setTransactionalIdPrefix(transactionalIdPrefix)
        .setTransactionNamingStrategy(TransactionNamingStrategy.POOLING)
        .build();
  }
}
