package io.chaoscast.models.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertLifecycleTest {

  /** Defaults with openZ 5, resolveZ 2.5, criticalZ 10, min duration 2, resolve 3, cool-down 5. */
  private static MonitorConfig config() {
    return MonitorConfig.defaults()
        .with(
            d -> {
              d.openZ = 5.0;
              d.tailFactor = 0.0;
              d.resolveZ = 2.5;
              d.criticalZ = 10.0;
              d.corroboration = 1;
              d.minDurationBlocks = 2;
              d.resolveBlocks = 3;
              d.cooldownBlocks = 5;
            });
  }

  private static List<SignalExcursion> fire(double z, double since) {
    return List.of(
        new SignalExcursion(
            Signal.OCCUPANCY_DIVERGENCE, List.of("page_hinkley"), z, -1, -3, since));
  }

  private final AlertLifecycle life = new AlertLifecycle(AlertKind.DYNAMICS_DRIFT, config());
  private final List<String> log = new ArrayList<>();
  private long block;

  private Optional<AlertEvent> step(List<SignalExcursion> firing, boolean active) {
    Optional<AlertEvent> e = life.step("s1", block, block * 10.0, firing, active);
    e.ifPresent(x -> log.add(block + ":" + x.phase()));
    block++;
    return e;
  }

  @Test
  void opensAfterTheMinimumDurationAndReportsSignalsAndOnset() {
    assertThat(step(fire(6, 0.0), true)).isEmpty();
    AlertEvent open = step(fire(7, 0.0), true).orElseThrow();
    assertThat(open.phase()).isEqualTo(AlertPhase.OPEN);
    assertThat(open.openedAtSeconds()).isEqualTo(10.0);
    assertThat(open.sinceSeconds()).isEqualTo(0.0);
    assertThat(open.severity()).isEqualTo(Severity.WARNING);
    assertThat(open.signals())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.signal()).isEqualTo(Signal.OCCUPANCY_DIVERGENCE);
              assertThat(s.z()).isEqualTo(7.0);
              assertThat(s.detectors()).containsExactly("page_hinkley");
            });
  }

  @Test
  void aSingleFiringBlockDoesNotOpen() {
    step(fire(6, 0), true);
    step(List.of(), false);
    step(fire(6, 20), true);
    step(List.of(), false);
    assertThat(log).isEmpty();
  }

  @Test
  void staysOpenWithoutDuplicatesUntilQuietForTheResolveBlocksThenCoolsDown() {
    step(fire(6, 0), true);
    step(fire(6, 0), true); // 1: OPEN
    step(fire(12, 0), true); // still open: no second OPEN
    step(List.of(), true); // inside hysteresis band: not quiet
    step(List.of(), false);
    step(List.of(), false);
    AlertEvent resolved = step(List.of(), false).orElseThrow(); // 6: third quiet block
    assertThat(resolved.phase()).isEqualTo(AlertPhase.RESOLVED);
    assertThat(resolved.severity()).as("peak 12 >= criticalZ 10").isEqualTo(Severity.CRITICAL);
    for (int i = 0; i < 6; i++) step(fire(6, 70), true); // 7..12, cool-down until block 11
    assertThat(log).containsExactly("1:OPEN", "6:RESOLVED", "11:OPEN");
    assertThat(life.suppressedBlocks()).as("blocks 8, 9 and 10").isEqualTo(3);
  }
}
