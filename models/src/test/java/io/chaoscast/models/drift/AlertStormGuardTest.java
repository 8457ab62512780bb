package io.chaoscast.models.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertStormGuardTest {

  private static AlertEvent event(String stream, AlertPhase phase, double t) {
    return new AlertEvent(
        stream, AlertKind.DYNAMICS_DRIFT, phase, Severity.WARNING, t, t, t, List.of(), 1);
  }

  @Test
  void replacesAStormOfOpeningsWithOneAggregateAlertAndResolvesIt() {
    AlertStormGuard guard = new AlertStormGuard(60, 10);
    List<AlertEvent> out = new ArrayList<>();
    for (int i = 0; i < 50; i++) out.addAll(guard.accept(event("s" + i, AlertPhase.OPEN, i * 0.1)));
    assertThat(out).hasSize(11);
    assertThat(out.subList(0, 10)).allMatch(e -> e.kind() == AlertKind.DYNAMICS_DRIFT);
    AlertEvent storm = out.get(10);
    assertThat(storm.kind()).isEqualTo(AlertKind.DRIFT_STORM);
    assertThat(storm.phase()).isEqualTo(AlertPhase.OPEN);
    assertThat(storm.streams()).isEqualTo(11);
    // absorbed alerts resolve silently; the first ten pass through
    assertThat(guard.accept(event("s30", AlertPhase.RESOLVED, 10))).isEmpty();
    assertThat(guard.accept(event("s3", AlertPhase.RESOLVED, 10))).hasSize(1);
    assertThat(guard.advance(30)).isEmpty();
    AlertEvent resolved =
        guard.advance(65).orElseThrow(); // last opening at 4.9 s left the 60 s window
    assertThat(resolved.phase()).isEqualTo(AlertPhase.RESOLVED);
    assertThat(resolved.streams()).isEqualTo(40);
    assertThat(resolved.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(guard.inStorm()).isFalse();
  }

  @Test
  void passesAlertsThroughWhenTheyAreSpreadOut() {
    AlertStormGuard guard = AlertStormGuard.withDefaults();
    int forwarded = 0;
    for (int i = 0; i < 100; i++)
      forwarded += guard.accept(event("s" + i, AlertPhase.OPEN, i * 10.0)).size();
    assertThat(forwarded).isEqualTo(100);
    assertThat(guard.inStorm()).isFalse();
  }
}
