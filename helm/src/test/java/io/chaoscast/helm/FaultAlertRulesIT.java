package io.chaoscast.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
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
    assumeTrue(Promtool.installed(), Promtool.NOT_INSTALLED);
    JsonNode groups = Chart.render().one("PrometheusRule").at("/spec/groups");
    String series = "{namespace=\"%s\",pod=\"%s\"}".formatted(Chart.NAMESPACE, POD);
    String labels = "{severity: critical, namespace: %s}".formatted(Chart.NAMESPACE);
    // Defaults: checkpointsFailing.consecutive 3 (>=), brokerUnreachable.seconds 30 (>).
    String tests =
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
            .formatted(METRIC, series, labels);

    Promtool.Result result = Promtool.testRules(work, groups, tests);
    assertThat(result.exitCode()).as(result.output()).isZero();
  }
}
