package io.chaoscast.jobs.metrics;

import io.chaoscast.connectors.schema.Alert;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * {@code kind_state_alerts{kind,state}} (docs/metrics.md): the alert events an operator emitted, by
 * kind and OPEN/RESOLVED. Each operator registers the kinds it raises, so no two operators of one
 * chain register the same series.
 */
public final class AlertCounters {

  private final Map<Alert.Kind, Map<Alert.State, Counter>> counters =
      new EnumMap<>(Alert.Kind.class);

  /**
   * @param operatorGroup the operator's metric group
   * @param kinds the kinds this operator raises
   */
  public AlertCounters(MetricGroup operatorGroup, Iterable<Alert.Kind> kinds) {
    MetricGroup alerts = JobMetricGroups.of(operatorGroup);
    for (Alert.Kind kind : kinds) {
      MetricGroup byKind = alerts.addGroup("kind", kind.name());
      Map<Alert.State, Counter> byState = new EnumMap<>(Alert.State.class);
      for (Alert.State state : Alert.State.values()) {
        byState.put(state, byKind.addGroup("state", state.name()).counter("alerts"));
      }
      counters.put(kind, byState);
    }
  }

  /** Counts one emitted alert event of a registered kind. */
  public void count(Alert alert) {
    counters.get(alert.kind()).get(alert.state()).inc();
  }
}
