package io.chaoscast.jobs.remote;

import static io.chaoscast.jobs.remote.CircuitBreaker.State.CLOSED;
import static io.chaoscast.jobs.remote.CircuitBreaker.State.HALF_OPEN;
import static io.chaoscast.jobs.remote.CircuitBreaker.State.OPEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.schema.Alert;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FallbackAlertsTest {

  private final List<Alert> out = new ArrayList<>();
  private final FallbackAlerts alerts =
      new FallbackAlerts("http://gpu:8080", "nvar-k2-s1@1", 3, () -> 42L, out::add);

  @Test
  void shouldOpenOnceWhenTheBreakerOpensAndResolveWhenItClosesAgain() {
    alerts.onStateChange(CLOSED, OPEN);
    alerts.onStateChange(OPEN, HALF_OPEN);
    alerts.onStateChange(HALF_OPEN, OPEN); // a failed probe: still the same outage
    alerts.onStateChange(OPEN, HALF_OPEN);
    alerts.onStateChange(HALF_OPEN, CLOSED);

    assertThat(out)
        .extracting(Alert::state)
        .containsExactly(Alert.State.OPEN, Alert.State.RESOLVED);
    Alert open = out.get(0);
    assertThat(open.stream()).isEqualTo("*");
    assertThat(open.kind()).isEqualTo(Alert.Kind.INFERENCE_FALLBACK);
    assertThat(open.timeMillis()).isEqualTo(42L);
    assertThat(open.score()).isEqualTo(1.0);
    assertThat(open.threshold()).isEqualTo(1.0);
    assertThat(open.details()).contains("http://gpu:8080", "nvar-k2-s1@1", "subtask 3");
    assertThat(out.get(1).score()).isZero();
  }
}
