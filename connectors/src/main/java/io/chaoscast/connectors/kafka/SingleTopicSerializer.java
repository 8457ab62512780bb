package io.chaoscast.connectors.kafka;

import java.util.List;
import java.util.Optional;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetIdentifier;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacetProvider;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;

/**
 * A record serializer that writes every record to one topic and says which. An exactly-once sink
 * that pools its transactional ids ({@link KafkaEndpoint#sink}) asks the broker for that topic's
 * open transactions when it starts, to abort those a failed attempt left behind.
 */
public interface SingleTopicSerializer<T>
    extends KafkaRecordSerializationSchema<T>, KafkaDatasetFacetProvider {

  /** The topic every record goes to. */
  String topic();

  @Override
  default Optional<KafkaDatasetFacet> getKafkaDatasetFacet() {
    return Optional.of(
        new DefaultKafkaDatasetFacet(DefaultKafkaDatasetIdentifier.ofTopics(List.of(topic()))));
  }
}
