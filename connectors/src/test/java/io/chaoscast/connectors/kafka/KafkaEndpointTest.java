package io.chaoscast.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaEndpointTest {

  @Test
  void shouldNameItsPropertiesWithoutTheirValues() {
    var endpoint =
        new KafkaEndpoint(
            "b:9093",
            Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.jaas.config", "ScramLoginModule required password=\"pa55\";"));

    assertThat(endpoint.toString())
        .contains("b:9093", "sasl.jaas.config", "security.protocol")
        .doesNotContain("pa55");
  }
}
