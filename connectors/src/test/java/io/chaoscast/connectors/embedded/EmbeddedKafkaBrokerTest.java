package io.chaoscast.connectors.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.testing.KafkaFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerTest {

  @Test
  void shouldListenOnLoopbackOnly() {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
    }
  }

  @Test
  void shouldDeliverProducedRecordsToReadCommittedConsumers() throws Exception {
    try (KafkaFixture kafka = KafkaFixture.start()) {
      kafka.createTopics(1, "roundtrip");
      kafka.produce(
          "roundtrip",
          List.of(
              new ProducerRecord<>("roundtrip", "a".getBytes(StandardCharsets.UTF_8)),
              new ProducerRecord<>("roundtrip", "b".getBytes(StandardCharsets.UTF_8))));

      var records =
          kafka.readCommitted("roundtrip", 2, Duration.ofMillis(300), Duration.ofSeconds(30));

      assertThat(records)
          .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
          .containsExactly("a", "b");
    }
  }
}
