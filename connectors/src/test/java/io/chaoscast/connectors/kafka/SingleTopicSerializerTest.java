package io.chaoscast.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The topic an exactly-once sink with pooled transactional ids lists open transactions on when it
 * starts (ExactlyOnceRecoveryIT restores such a sink against a real broker).
 */
class SingleTopicSerializerTest {

  @Test
  void eachSerializerNamesTheOneTopicItWritesTo() {
    assertTopic(new JsonRecordSerializer<String>("forecasts-a", s -> s), "forecasts-a");
    assertTopic(new DeadLetterSerializer("dead-letters-b"), "dead-letters-b");
  }

  private static void assertTopic(SingleTopicSerializer<?> serializer, String topic) {
    assertThat(serializer.topic()).isEqualTo(topic);
    assertThat(serializer.getKafkaDatasetFacet())
        .hasValueSatisfying(
            facet -> assertThat(facet.getTopicIdentifier().getTopics()).containsExactly(topic));
  }
}
