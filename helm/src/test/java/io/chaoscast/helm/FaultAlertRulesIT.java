package io.chaoscast.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evaluates the chart's fault-monitor alert rules with Prometheus' own rule engine ({@code promtool
 * test rules}) over gauge series with known values: each rule must fire exactly while its gauge is
 * at or past the threshold of the default values, and resolve when the gauge drops. The rules'
 * annotations are left out (promtool would compare their text too); their labels are checked. Needs
 * {@code promtool}, from the same Debian package as the {@code prometheus} server that .ci/run
 * installs; without it the test is skipped, saying so.
 */
class FaultAlertRulesIT {

  @TempDir Path work;

  private static final String POD = Chart.RELEASE + "-chaoscast-taskmanager-1-1";
  private static final String METRIC = "flink_taskmanager_job_task_operator_chaoscast_";

  @Test
  void shouldFireEachFaultAlertWhileItsGaugeIsPastTheThresholdOnly() throws Exception {
    assumeTrue(
        PrometheusQueriesIT.onPath("promtool"),
        "promtool is not installed (.ci/run installs Debian's prometheus package)");
    JsonNode spec = Chart.render().one("PrometheusRule").path("spec").deepCopy();
    for (JsonNode group : spec.path("groups")) {
      for (JsonNode rule : group.path("rules")) ((ObjectNode) rule).remove("annotations");
    }
    Files.writeString(work.resolve("rules.yaml"), Chart.YAML.writeValueAsString(spec));
    String series = "{namespace=\"%s\",pod=\"%s\"}".formatted(Chart.NAMESPACE, POD);
    String labels = "{severity: critical, namespace: %s}".formatted(Chart.NAMESPACE);
    // Defaults: checkpointsFailing.consecutive 3 (>=), brokerUnreachable.seconds 30 (>).
    Files.writeString(
        work.resolve("test.yaml"),
        """
        rule_files: [rules.yaml]
        evaluation_interval: 1m
        tests:
          - interval: 1m
            input_series:
              - series: '%1$sconsecutive_failed_checkpoints%2$s'
                values: '0 1 2 3 7 0'
              - series: '%1$sbroker_unreachable_seconds%2$s'
                values: '0 12 30 31 95 0'
            alert_rule_test:
              - {eval_time: 2m, alertname: ChaoscastCheckpointsFailing, exp_alerts: []}
              - eval_time: 3m
                alertname: ChaoscastCheckpointsFailing
                exp_alerts: [{exp_labels: %3$s}]
              - eval_time: 4m
                alertname: ChaoscastCheckpointsFailing
                exp_alerts: [{exp_labels: %3$s}]
              - {eval_time: 5m, alertname: ChaoscastCheckpointsFailing, exp_alerts: []}
              - {eval_time: 2m, alertname: ChaoscastBrokerUnreachable, exp_alerts: []}
              - eval_time: 3m
                alertname: ChaoscastBrokerUnreachable
                exp_alerts: [{exp_labels: %3$s}]
              - eval_time: 4m
                alertname: ChaoscastBrokerUnreachable
                exp_alerts: [{exp_labels: %3$s}]
              - {eval_time: 5m, alertname: ChaoscastBrokerUnreachable, exp_alerts: []}
        """
            .formatted(METRIC, series, labels));

    Process promtool =
        new ProcessBuilder("promtool", "test", "rules", "test.yaml")
            .directory(work.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(promtool.exitValue()).as(output).isZero();
  }
}
