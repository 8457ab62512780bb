package io.chaoscast.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitoringTest {

  private static List<JsonNode> rules(Chart.Manifests manifests) {
    List<JsonNode> rules = new ArrayList<>();
    manifests
        .one("PrometheusRule")
        .at("/spec/groups")
        .forEach(g -> g.path("rules").forEach(rules::add));
    return rules;
  }

  private static List<JsonNode> rules(Chart.Manifests manifests, String group) {
    List<JsonNode> rules = new ArrayList<>();
    for (JsonNode g : manifests.one("PrometheusRule").at("/spec/groups")) {
      if (group.equals(g.path("name").asText())) g.path("rules").forEach(rules::add);
    }
    return rules;
  }

  @Test
  void shouldAlertOnLagDeadLettersCheckpointsRestartsAndAlertStorms() {
    assertThat(rules(Chart.render(), "chaoscast.rules"))
        .extracting(r -> r.path("alert").asText())
        .containsExactly(
            "ChaoscastConsumerLagHigh",
            "ChaoscastDeadLettersHigh",
            "ChaoscastCheckpointFailures",
            "ChaoscastJobRestarting",
            "ChaoscastAlertStorm",
            "ChaoscastCheckpointsFailing",
            "ChaoscastBrokerUnreachable",
            "ChaoscastInferenceFallbackActive");
  }

  @Test
  void shouldAlertOnTheFaultMonitorsGaugesAtTheThresholdsOfValues() {
    List<JsonNode> rules =
        rules(
            Chart.render(
                Map.of(
                    "monitoring.prometheusRule.checkpointsFailing.consecutive",
                    4,
                    "monitoring.prometheusRule.brokerUnreachable.seconds",
                    45)));
    Map<String, String> exprs = new java.util.HashMap<>();
    rules.forEach(r -> exprs.put(r.path("alert").asText(), r.path("expr").asText()));
    assertThat(exprs.get("ChaoscastCheckpointsFailing"))
        .contains("_chaoscast_consecutive_failed_checkpoints{")
        .endsWith(">= 4");
    assertThat(exprs.get("ChaoscastBrokerUnreachable"))
        .contains("_chaoscast_broker_unreachable_seconds{")
        .endsWith("> 45");
  }

  @Test
  void
      shouldAlertOnQuarantinesTheStreamLimitInternalErrorsNonFiniteForecastsAndDeadLetterReasons() {
    // IsolationRulesIT evaluates each in Prometheus' rule engine.
    List<JsonNode> rules =
        rules(
            Chart.render(
                Map.of(
                    "monitoring.prometheusRule.isolation.internalErrors.window", "1h",
                    "monitoring.prometheusRule.isolation.deadLetterReason.for", "30m")),
            "chaoscast.isolation");
    assertThat(rules)
        .extracting(r -> r.path("alert").asText())
        .containsExactly(
            "ChaoscastStreamQuarantined",
            "ChaoscastStreamLimitReached",
            "ChaoscastInternalErrors",
            "ChaoscastNonFiniteForecasts",
            "ChaoscastDeadLetterReasonHigh");
    assertThat(rules.get(0).path("expr").asText()).contains("kind=\"STREAM_QUARANTINED\"");
    assertThat(rules.get(1).path("expr").asText()).contains("kind=\"STREAM_LIMIT\"");
    assertThat(rules.get(2).path("expr").asText())
        .contains("reason=\"internal_error\"}[1h]")
        .endsWith("> 0");
    assertThat(rules.get(3).path("expr").asText()).contains("_chaoscast_non_finite_forecasts");
    assertThat(rules.get(4).path("expr").asText()).endsWith("> 0.05");
    assertThat(rules.get(4).path("for").asText()).isEqualTo("30m");
  }

  @Test
  void shouldAlertOnTheFallbackGaugeUnlessTurnedOff() {
    List<JsonNode> rules = rules(Chart.render(), "chaoscast.rules");
    JsonNode fallback = rules.get(rules.size() - 1);
    assertThat(fallback.path("alert").asText()).isEqualTo("ChaoscastInferenceFallbackActive");
    assertThat(fallback.path("expr").asText()).contains("_chaoscast_inference_fallback_active");
    assertThat(
            rules(Chart.render(Map.of("monitoring.prometheusRule.fallbackActive.enabled", false))))
        .extracting(r -> r.path("alert").asText())
        .doesNotContain("ChaoscastInferenceFallbackActive");
  }

  @Test
  void shouldWriteRulesInPlausiblePromQlOverKnownMetricsScopedToTheRelease() {
    for (JsonNode rule :
        rules(Chart.render(Map.of("monitoring.prometheusRule.fallbackActive.enabled", true)))) {
      String expr = rule.path("expr").asText();
      assertThat(PromQl.problems(expr)).as(expr).isEmpty();
      assertThat(expr)
          .contains("namespace=\"" + Chart.NAMESPACE + "\"", "pod=~\"forecaster-chaoscast-.*\"");
      assertThat(rule.at("/labels/severity").asText()).isIn("warning", "critical");
      assertThat(rule.at("/annotations/summary").asText()).isNotBlank();
      for (String metric : PromQl.metrics(expr)) {
        if (PromQl.KNOWN.get(metric).isPresent()) {
          assertThat(rule.at("/annotations/description").asText())
              .contains(
                  "pending: metric arrives with issue " + PromQl.KNOWN.get(metric).getAsInt());
        }
      }
    }
  }

  @Test
  void shouldTakeAlertThresholdsFromValues() {
    List<JsonNode> rules =
        rules(
            Chart.render(
                Map.of(
                    "monitoring.prometheusRule.consumerLag.records",
                    250000,
                    "monitoring.prometheusRule.consumerLag.for",
                    "15m")));
    assertThat(rules.get(0).path("expr").asText()).endsWith("> 250000");
    assertThat(rules.get(0).path("for").asText()).isEqualTo("15m");
  }

  @Test
  void shouldScrapeThePodsThatCarryTheMetricsPort() {
    Chart.Manifests manifests = Chart.render();
    JsonNode monitor = manifests.one("PodMonitor");
    assertThat(monitor.at("/spec/podMetricsEndpoints/0/port").asText()).isEqualTo("metrics");
    JsonNode selector = monitor.at("/spec/selector/matchLabels");
    for (String manager : List.of("jobManager", "taskManager")) {
      JsonNode labels =
          manifests.one("FlinkDeployment").at("/spec/" + manager + "/podTemplate/metadata/labels");
      selector
          .fields()
          .forEachRemaining(
              e -> assertThat(labels.path(e.getKey()).asText()).isEqualTo(e.getValue().asText()));
    }
  }

  @Test
  void shouldLeaveOutPrometheusOperatorResourcesWhenDisabled() {
    assertThat(
            Chart.render(
                    Map.of(
                        "monitoring.podMonitor.enabled",
                        false,
                        "monitoring.prometheusRule.enabled",
                        false))
                .kinds())
        .doesNotContain("PodMonitor", "PrometheusRule");
  }

  @Test
  void shouldShipEachDashboardUnchangedInAConfigMapLabelledForTheGrafanaSidecar() throws Exception {
    List<JsonNode> dashboards =
        Chart.render().ofKind("ConfigMap").stream()
            .filter(c -> c.at("/metadata/labels/grafana_dashboard").isTextual())
            .toList();
    assertThat(dashboards).hasSize(3);
    for (JsonNode configMap : dashboards) {
      assertThat(configMap.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
      var files = configMap.path("data").fieldNames();
      String file = files.next();
      assertThat(files.hasNext()).isFalse();
      String shipped = Files.readString(Chart.DIR.resolve("dashboards").resolve(file));
      assertThat(Chart.JSON.readTree(configMap.path("data").path(file).asText()))
          .isEqualTo(Chart.JSON.readTree(shipped));
    }
  }

  @Test
  void shouldPutDashboardsWhereGrafanaLooksWhenToldTo() {
    List<JsonNode> dashboards =
        Chart.render(
                Map.of(
                    "monitoring.dashboards.namespace",
                    "grafana",
                    "monitoring.dashboards.annotations.grafana_folder",
                    "chaoscast"))
            .ofKind("ConfigMap")
            .stream()
            .filter(c -> c.at("/metadata/labels/grafana_dashboard").isTextual())
            .toList();
    assertThat(dashboards)
        .isNotEmpty()
        .allSatisfy(
            c -> {
              assertThat(c.at("/metadata/namespace").asText()).isEqualTo("grafana");
              assertThat(c.at("/metadata/annotations/grafana_folder").asText())
                  .isEqualTo("chaoscast");
            });
  }
}
