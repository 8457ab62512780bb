package io.chaoscast.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may connect to the Flink pods and the inference server: each other, plus only the peers
 * values.yaml lists for the REST API, the metrics port and the server.
 */
class NetworkPolicyTest {

  private static final String FULLNAME = "forecaster-chaoscast";

  @TempDir Path scratch;

  @Test
  void shouldAdmitOnlyTheOperatorToRestAndPrometheusToMetricsByDefault() {
    JsonNode policy = Chart.render().named("NetworkPolicy", FULLNAME + "-flink");

    assertThat(policy.at("/spec/podSelector/matchLabels/app.kubernetes.io~1component").asText())
        .isEqualTo("flink");
    assertThat(policy.at("/spec/policyTypes/0").asText()).isEqualTo("Ingress");
    JsonNode rules = policy.at("/spec/ingress");
    assertThat(rules).hasSize(3);
    assertThat(rules.get(0).has("ports")).as("Flink pods reach each other on any port").isFalse();
    assertThat(
            rules.get(0).at("/from/0/podSelector/matchLabels/app.kubernetes.io~1instance").asText())
        .isEqualTo(Chart.RELEASE);
    assertThat(rules.get(1).at("/ports/0/port").asInt()).isEqualTo(8081);
    assertThat(rules.get(1).at("/from/0/podSelector/matchLabels/app.kubernetes.io~1name").asText())
        .isEqualTo("flink-kubernetes-operator");
    assertThat(rules.get(2).at("/ports/0/port").asInt()).isEqualTo(9249);
    assertThat(rules.get(2).at("/from/0/podSelector/matchLabels/app.kubernetes.io~1name").asText())
        .isEqualTo("prometheus");
  }

  @Test
  void shouldAdmitExactlyTheConfiguredPeersOnTheConfiguredPorts() throws Exception {
    Path values =
        values(
            """
            flink:
              configuration:
                rest.port: "9081"
            monitoring:
              metricsPort: 9250
            networkPolicy:
              flinkRest:
                from:
                  - namespaceSelector:
                      matchLabels:
                        kubernetes.io/metadata.name: flink-operator
              metrics:
                from:
                  - namespaceSelector:
                      matchLabels:
                        kubernetes.io/metadata.name: monitoring
                    podSelector:
                      matchLabels:
                        app: vmagent
            """);
    JsonNode rules =
        Chart.render(List.of(values), Map.of())
            .named("NetworkPolicy", FULLNAME + "-flink")
            .at("/spec/ingress");

    assertThat(rules).hasSize(3);
    assertThat(rules.get(1).at("/ports/0/port").asInt()).isEqualTo(9081);
    assertThat(rules.get(1).path("from")).hasSize(1);
    assertThat(
            rules
                .get(1)
                .at("/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name")
                .asText())
        .isEqualTo("flink-operator");
    assertThat(rules.get(1).at("/from/0").has("podSelector")).isFalse();
    assertThat(rules.get(2).at("/ports/0/port").asInt()).isEqualTo(9250);
    assertThat(rules.get(2).at("/from/0/podSelector/matchLabels/app").asText())
        .isEqualTo("vmagent");
  }

  @Test
  void shouldLeaveOutARuleWhosePeerListIsEmptyRatherThanAdmitEveryone() throws Exception {
    Path values =
        values(
            """
            networkPolicy:
              flinkRest:
                from: []
              metrics:
                from: []
            """);
    JsonNode rules =
        Chart.render(List.of(values), Map.of())
            .named("NetworkPolicy", FULLNAME + "-flink")
            .at("/spec/ingress");

    assertThat(rules).hasSize(1);
    assertThat(rules.get(0).path("from")).isNotEmpty();
  }

  @Test
  void shouldAdmitTheFlinkPodsAndTheConfiguredPeersToTheInferenceServerPortOnly() throws Exception {
    assertThat(Chart.render().ofKind("NetworkPolicy")).hasSize(1);
    Path values =
        values(
            """
            networkPolicy:
              inference:
                from:
                  - podSelector:
                      matchLabels:
                        app: batch-scorer
            """);
    JsonNode policy =
        Chart.render(List.of(Chart.variant("gpu-server"), values), Map.of())
            .named("NetworkPolicy", FULLNAME + "-inference");

    assertThat(policy.at("/spec/podSelector/matchLabels/app.kubernetes.io~1component").asText())
        .isEqualTo("inference");
    JsonNode rules = policy.at("/spec/ingress");
    assertThat(rules).hasSize(1);
    assertThat(rules.at("/0/ports/0/port").asInt()).isEqualTo(8080);
    assertThat(rules.at("/0/from")).hasSize(2);
    assertThat(rules.at("/0/from/0/podSelector/matchLabels/app.kubernetes.io~1component").asText())
        .isEqualTo("flink");
    assertThat(rules.at("/0/from/1/podSelector/matchLabels/app").asText())
        .isEqualTo("batch-scorer");
  }

  @Test
  void shouldGiveEveryRuleAtLeastOnePeerInEveryVariant() {
    for (String variant : List.of("gpu-taskmanager", "gpu-server", "s3-sasl")) {
      for (JsonNode policy : Chart.render(variant).ofKind("NetworkPolicy")) {
        for (JsonNode rule : policy.at("/spec/ingress")) {
          assertThat(rule.path("from")).as("%s %s", variant, rule).isNotEmpty();
        }
      }
    }
  }

  @Test
  void shouldRenderNoPolicyWhenDisabled() {
    assertThat(
            Chart.render(
                    List.of(Chart.variant("gpu-server")), Map.of("networkPolicy.enabled", false))
                .ofKind("NetworkPolicy"))
        .isEmpty();
  }

  private Path values(String yaml) throws Exception {
    return Files.writeString(Files.createTempFile(scratch, "values", ".yaml"), yaml);
  }
}
