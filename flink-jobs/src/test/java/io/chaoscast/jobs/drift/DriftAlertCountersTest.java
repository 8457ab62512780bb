package io.chaoscast.jobs.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.schema.Alert;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

class DriftAlertCountersTest {

  /** A metric group that remembers its counters by their Prometheus-style name and labels. */
  private static final class Recording extends UnregisteredMetricsGroup {
    private final String path;
    private final Map<String, Counter> counters;

    Recording(String path, Map<String, Counter> counters) {
      this.path = path;
      this.counters = counters;
    }

    @Override
    public MetricGroup addGroup(String name) {
      return new Recording(path + name + "_", counters);
    }

    @Override
    public MetricGroup addGroup(String key, String value) {
      return new Recording(path + key + "=" + value + "_", counters);
    }

    @Override
    public Counter counter(String name) {
      return counter(name, new SimpleCounter());
    }

    @Override
    public <C extends Counter> C counter(String name, C counter) {
      counters.put(path + name, counter);
      return counter;
    }
  }

  private static Alert alert(Alert.Kind kind, Alert.Severity severity, Alert.State state) {
    return new Alert("s", 0, kind, severity, 7, 5, state, "");
  }

  @Test
  void shouldCountAResolvedAlertUnderTheSeverityItOpenedWith() {
    Map<String, Counter> counters = new HashMap<>();
    var c = new DriftAlertCounters(new Recording("", counters));
    var kind = Alert.Kind.DYNAMICS_DRIFT;
    c.count(alert(kind, Alert.Severity.WARNING, Alert.State.OPEN), Alert.Severity.WARNING);
    c.count(alert(kind, Alert.Severity.CRITICAL, Alert.State.OPEN), Alert.Severity.CRITICAL);
    // Peaked at CRITICAL while open, but opened as WARNING: the open WARNING count drops to 0.
    c.count(alert(kind, Alert.Severity.CRITICAL, Alert.State.RESOLVED), Alert.Severity.WARNING);

    assertThat(counters).hasSize(DriftAlertCounters.KINDS.size() * 2 * 3); // 5 kinds: ANOMALY too
    String p = "chaoscast_kind=DYNAMICS_DRIFT_";
    assertThat(counters.get(p + "state=OPEN_alerts").getCount()).isEqualTo(2);
    assertThat(counters.get(p + "state=RESOLVED_alerts").getCount()).isEqualTo(1);
    assertThat(counters.get(p + "severity=WARNING_state=OPEN_alerts").getCount()).isEqualTo(1);
    assertThat(counters.get(p + "severity=WARNING_state=RESOLVED_alerts").getCount()).isEqualTo(1);
    assertThat(counters.get(p + "severity=CRITICAL_state=OPEN_alerts").getCount()).isEqualTo(1);
    assertThat(counters.get(p + "severity=CRITICAL_state=RESOLVED_alerts").getCount()).isZero();
  }
}
