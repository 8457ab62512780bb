package io.chaoscast.jobs.drift;

import io.chaoscast.connectors.schema.Alert;
import io.chaoscast.jobs.metrics.JobMetricGroups;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The drift alert counters of docs/metrics.md: {@code kind_state_alerts{kind,state}} and {@code
 * kind_severity_state_alerts{kind,severity,state}} for the drift kinds (bounded labels: 5 kinds x 2
 * severities x 2 states).
 */
final class DriftAlertCounters {

  static final List<Alert.Kind> KINDS =
      List.of(
          Alert.Kind.DYNAMICS_DRIFT,
          Alert.Kind.FORECAST_SKILL_DRIFT,
          Alert.Kind.ROLLOUT_INSTABILITY,
          Alert.Kind.ANOMALY,
          Alert.Kind.DRIFT_STORM);

  private static final List<Alert.Severity> SEVERITIES =
      List.of(Alert.Severity.WARNING, Alert.Severity.CRITICAL);

  private final Map<String, Counter> counters = new HashMap<>();

  /**
   * @param operatorGroup the operator's metric group
   */
  DriftAlertCounters(MetricGroup operatorGroup) {
    MetricGroup alerts = JobMetricGroups.of(operatorGroup);
    for (Alert.Kind kind : KINDS) {
      MetricGroup byKind = alerts.addGroup("kind", kind.name());
      for (Alert.State state : Alert.State.values()) {
        counters.put(
            key(kind, null, state), byKind.addGroup("state", state.name()).counter("alerts"));
        for (Alert.Severity severity : SEVERITIES) {
          counters.put(
              key(kind, severity, state),
              byKind
                  .addGroup("severity", severity.name())
                  .addGroup("state", state.name())
                  .counter("alerts"));
        }
      }
    }
  }

  /**
   * Counts one emitted drift alert event.
   *
   * @param openedWith the severity its alert opened with (for OPEN: its own), so that OPEN minus
   *     RESOLVED per severity is the number of open alerts
   */
  void count(Alert alert, Alert.Severity openedWith) {
    counters.get(key(alert.kind(), null, alert.state())).inc();
    counters.get(key(alert.kind(), openedWith, alert.state())).inc();
  }

  private static String key(Alert.Kind kind, Alert.Severity severity, Alert.State state) {
    return kind + "|" + severity + "|" + state;
  }
}
