package io.chaoscast.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaoscast.isolation alerting rules evaluated by Prometheus' own rule engine ({@code promtool
 * test rules}, from the same Debian package as the server PrometheusQueriesIT runs): synthetic
 * series in the exact names and labels the job exports are fed in, and each alert must fire when
 * its signal is there, stay silent when it is not, and ignore another release's pods. Annotations
 * are left out of the evaluated copy (promtool would compare their text); {@code promtool check
 * rules} checks the whole rendered group, annotations included.
 */
class IsolationRulesIT {

  private static final String GROUP = "chaoscast.isolation";
  private static final String M = "flink_taskmanager_job_task_operator_chaoscast_";
  private static final String OURS =
      "namespace=\"streaming\",pod=\"forecaster-chaoscast-taskmanager-1-1\",subtask_index=\"0\"";
  private static final String OTHER_RELEASE =
      "namespace=\"streaming\",pod=\"other-chaoscast-taskmanager-1-1\",subtask_index=\"0\"";

  /**
   * Minute by minute (interval 1m). Quarantine: one stream quarantined from 2m to 4m. Stream limit:
   * one subtask at the limit from 7m to 9m. Internal errors: one at 11m, then none. Non-finite
   * forecasts: two at 21m, then none. Dead letters: 100 records read per minute; `late` at 1 % all
   * along, `malformed_json` at 20 % from 21m. Another release's pods have everything at once.
   */
  private static final String TESTS =
      """
      rule_files: [rules.yaml]
      evaluation_interval: 1m
      tests:
        - interval: 1m
          input_series:
            - series: '%1$skind_state_alerts{%2$s,kind="STREAM_QUARANTINED",state="OPEN"}'
              values: '0 0 1x60'
            - series: '%1$skind_state_alerts{%2$s,kind="STREAM_QUARANTINED",state="RESOLVED"}'
              values: '0x4 1x60'
            - series: '%1$skind_state_alerts{%2$s,kind="STREAM_LIMIT",state="OPEN"}'
              values: '0x6 1x60'
            - series: '%1$skind_state_alerts{%2$s,kind="STREAM_LIMIT",state="RESOLVED"}'
              values: '0x9 1x60'
            - series: '%1$sreason_dlq_records{%2$s,reason="internal_error"}'
              values: '0x10 1x60'
            - series: '%1$snon_finite_forecasts{%2$s}'
              values: '0x20 2x60'
            - series: '%1$srecords_in{%2$s}'
              values: '0+100x70'
            - series: '%1$sreason_dlq_records{%2$s,reason="late"}'
              values: '0+1x70'
            - series: '%1$sreason_dlq_records{%2$s,reason="malformed_json"}'
              values: '0x20 20+20x50'
            - series: '%1$skind_state_alerts{%3$s,kind="STREAM_QUARANTINED",state="OPEN"}'
              values: '5x70'
            - series: '%1$skind_state_alerts{%3$s,kind="STREAM_QUARANTINED",state="RESOLVED"}'
              values: '0x70'
            - series: '%1$skind_state_alerts{%3$s,kind="STREAM_LIMIT",state="OPEN"}'
              values: '5x70'
            - series: '%1$skind_state_alerts{%3$s,kind="STREAM_LIMIT",state="RESOLVED"}'
              values: '0x70'
            - series: '%1$sreason_dlq_records{%3$s,reason="internal_error"}'
              values: '0+50x70'
            - series: '%1$snon_finite_forecasts{%3$s}'
              values: '0+50x70'
            - series: '%1$sreason_dlq_records{%3$s,reason="too_many_streams"}'
              values: '0+1000x70'
          alert_rule_test:
            - {eval_time: 1m, alertname: ChaoscastStreamQuarantined, exp_alerts: []}
            - eval_time: 3m
              alertname: ChaoscastStreamQuarantined
              exp_alerts: [{exp_labels: {namespace: streaming, severity: warning}}]
            - {eval_time: 6m, alertname: ChaoscastStreamQuarantined, exp_alerts: []}
            - {eval_time: 8m, alertname: ChaoscastStreamQuarantined, exp_alerts: []}
            - {eval_time: 3m, alertname: ChaoscastStreamLimitReached, exp_alerts: []}
            - eval_time: 8m
              alertname: ChaoscastStreamLimitReached
              exp_alerts: [{exp_labels: {namespace: streaming, severity: warning}}]
            - {eval_time: 11m, alertname: ChaoscastStreamLimitReached, exp_alerts: []}
            - {eval_time: 10m, alertname: ChaoscastInternalErrors, exp_alerts: []}
            - eval_time: 13m
              alertname: ChaoscastInternalErrors
              exp_alerts: [{exp_labels: {namespace: streaming, severity: warning}}]
            - {eval_time: 40m, alertname: ChaoscastInternalErrors, exp_alerts: []}
            - {eval_time: 20m, alertname: ChaoscastNonFiniteForecasts, exp_alerts: []}
            - eval_time: 23m
              alertname: ChaoscastNonFiniteForecasts
              exp_alerts: [{exp_labels: {namespace: streaming, severity: warning}}]
            - {eval_time: 50m, alertname: ChaoscastNonFiniteForecasts, exp_alerts: []}
            - {eval_time: 20m, alertname: ChaoscastDeadLetterReasonHigh, exp_alerts: []}
            - {eval_time: 28m, alertname: ChaoscastDeadLetterReasonHigh, exp_alerts: []}
            - eval_time: 40m
              alertname: ChaoscastDeadLetterReasonHigh
              exp_alerts:
                - exp_labels: {namespace: streaming, reason: malformed_json, severity: warning}
      """
          .formatted(M, OURS, OTHER_RELEASE);

  @TempDir Path work;

  @BeforeAll
  static void needsPromtool() {
    assumeTrue(Promtool.installed(), Promtool.NOT_INSTALLED);
  }

  @Test
  void shouldFireEachIsolationAlertOnItsSignalOnlyAndForThisReleaseOnly() throws Exception {
    JsonNode group = group(Chart.render());
    assertThat(alertsExpectedToFire()).isEqualTo(alertNames(group));

    Path full = work.resolve("full.yaml");
    Files.writeString(full, Chart.YAML.writeValueAsString(Map.of("groups", List.of(group))));
    Promtool.Result check = Promtool.run(work, "check", "rules", full.toString());
    assertThat(check.exitCode()).as(check.output()).isZero();

    Promtool.Result test = Promtool.testRules(work, List.of(group), TESTS);
    assertThat(test.exitCode()).as(test.output()).isZero();
  }

  /** The test above can fail: with a threshold the series never reach, promtool reports it. */
  @Test
  void shouldReportAnAlertThatDoesNotFireWhenItShould() throws Exception {
    JsonNode group =
        group(Chart.render(Map.of("monitoring.prometheusRule.isolation.internalErrors.count", 5)));
    Promtool.Result test = Promtool.testRules(work, List.of(group), TESTS);
    assertThat(test.exitCode()).isNotZero();
    assertThat(test.output()).contains("ChaoscastInternalErrors");
  }

  private static JsonNode group(Chart.Manifests manifests) {
    for (JsonNode g : manifests.one("PrometheusRule").at("/spec/groups")) {
      if (GROUP.equals(g.path("name").asText())) return g;
    }
    throw new AssertionError("no rule group " + GROUP);
  }

  private static TreeSet<String> alertNames(JsonNode group) {
    TreeSet<String> names = new TreeSet<>();
    group.path("rules").forEach(r -> names.add(r.path("alert").asText()));
    return names;
  }

  /** Every alert of the group must have a case in which it fires. */
  private static TreeSet<String> alertsExpectedToFire() throws IOException {
    TreeSet<String> names = new TreeSet<>();
    JsonNode tests = Chart.YAML.readTree(TESTS);
    for (JsonNode t : tests.at("/tests/0/alert_rule_test")) {
      if (!t.path("exp_alerts").isEmpty()) names.add(t.path("alertname").asText());
    }
    return names;
  }
}
