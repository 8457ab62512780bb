package io.chaoscast.models.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoscast.models.scenarios.ChangeKind;
import io.chaoscast.models.scenarios.Scenario;
import io.chaoscast.models.scenarios.ScenarioSeries;
import io.chaoscast.models.scenarios.SystemFamily;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamMonitorTest {

  private static final ScenarioSeries STUCK =
      new Scenario(SystemFamily.LORENZ, ChangeKind.STUCK_SENSOR, 0.02, 15_000, 14_000, 4)
          .generate();

  @Test
  void isSilentThroughTheWarmUpAndThenLearnsBaselines() {
    StreamMonitor m = new StreamMonitor("s", 3, MonitorConfig.defaults(), 0);
    int warmup = MonitorConfig.defaults().warmupSamples();
    for (int t = 0; t < warmup - 1; t++) {
      assertThat(m.update(STUCK.times()[t], STUCK.values()[t])).isEmpty();
    }
    assertThat(m.monitoring()).isFalse();
    m.update(STUCK.times()[warmup - 1], STUCK.values()[warmup - 1]);
    m.update(STUCK.times()[warmup], STUCK.values()[warmup]);
    assertThat(m.monitoring()).isTrue();
    assertThat(m.reference().tau()).isBetween(1, 24);
    for (double v : m.lastSignals().values()) assertThat(v).isFinite();
  }

  @Test
  void aReplayFromASerialisedCheckpointGivesTheSameEvents() throws Exception {
    StreamMonitor straight = new StreamMonitor("s", 3, MonitorConfig.defaults(), 9);
    StreamMonitor restored = new StreamMonitor("s", 3, MonitorConfig.defaults(), 9);
    List<AlertEvent> a = new ArrayList<>();
    List<AlertEvent> b = new ArrayList<>();
    int n = STUCK.times().length;
    for (int t = 0; t < n; t++) {
      a.addAll(straight.update(STUCK.times()[t], STUCK.values()[t]));
      if (t == 13_500) restored = StreamMonitorStateTest.roundTrip(restored);
      b.addAll(restored.update(STUCK.times()[t], STUCK.values()[t]));
    }
    assertThat(a).isNotEmpty().isEqualTo(b);
    assertThat(a.get(0).phase()).isEqualTo(AlertPhase.OPEN);
    assertThat(a.get(0).timeSeconds()).isGreaterThanOrEqualTo(STUCK.changeAtSeconds());
  }

  /**
   * A falling one-step residual alerts only where a channel has gone quiet (docs/drift.md,
   * "Firing"). The tuning suite's EEG control seed 3: its residual falls 6 scales at 5.3 s while
   * the window keeps 0.68 of the reference SD; that opened a false DYNAMICS_DRIFT before. A stuck
   * telemetry sensor (window SD 0 of the reference's) still opens one, led by the falling residual.
   */
  @Test
  void aFallingResidualShouldAlertOnAQuietChannelOnly() {
    Scenario calm = new Scenario(SystemFamily.JANSEN_RIT, ChangeKind.NONE, 0.02, 76_800, 0, 3);
    assertThat(events(calm)).isEmpty();

    Scenario stuck =
        new Scenario(SystemFamily.TELEMETRY, ChangeKind.STUCK_SENSOR, 0.02, 6_000, 4_000, 1);
    List<AlertEvent> events = events(stuck);
    assertThat(events).isNotEmpty();
    AlertEvent first = events.get(0);
    assertThat(first.kind()).isEqualTo(AlertKind.DYNAMICS_DRIFT);
    assertThat(first.timeSeconds()).isGreaterThanOrEqualTo(stuck.generate().changeAtSeconds());
    assertThat(first.signals())
        .anySatisfy(
            x -> {
              assertThat(x.signal()).isEqualTo(Signal.REFERENCE_RESIDUAL);
              assertThat(x.z()).isLessThan(-MonitorConfig.defaults().openZ());
            });
  }

  /**
   * A residual that moves by less than a doubling does not alert, however narrow its calibration
   * (docs/drift.md, "Firing"): EEG control seed 111 of the tuning bulk controls ({@code
   * EegControlHours}, noise 5 %) opened three DYNAMICS_DRIFT on rises of 1.7-1.8 times (z 5.9-6.3)
   * before the floor.
   */
  @Test
  void aResidualChangeUnderADoublingShouldNotAlert() {
    assertThat(events(new Scenario(SystemFamily.JANSEN_RIT, ChangeKind.NONE, 0.05, 76_800, 0, 111)))
        .isEmpty();
  }

  /**
   * A louder stretch raises the residual as much as it raises the increments: net of that loudness
   * it is no change (docs/drift.md, "Firing"). EEG control seed 938 of the tuning bulk controls
   * (noise 10 %) opened a DYNAMICS_DRIFT on such a rise before the loudness rule.
   */
  @Test
  void aLouderStretchShouldNotRaiseAResidualAlert() {
    assertThat(events(new Scenario(SystemFamily.JANSEN_RIT, ChangeKind.NONE, 0.1, 76_800, 0, 938)))
        .isEmpty();
  }

  /**
   * A calmer stretch lowers the residual, but the channel keeps moving: no fall alert. EEG control
   * seed 668 (noise 10 %) opened a DYNAMICS_DRIFT at window SD 0.22 of the reference's, its median
   * increment 0.35 of the reference's, before the still-channel rule.
   */
  @Test
  void aCalmStretchThatKeepsMovingShouldNotRaiseAResidualAlert() {
    assertThat(events(new Scenario(SystemFamily.JANSEN_RIT, ChangeKind.NONE, 0.1, 76_800, 0, 668)))
        .isEmpty();
  }

  /** A scenario's events through a monitor seeded as in the offline evaluation. */
  private static List<AlertEvent> events(Scenario scenario) {
    ScenarioSeries series = scenario.generate();
    StreamMonitor m =
        new StreamMonitor(
            scenario.name(), series.values()[0].length, MonitorConfig.defaults(), scenario.seed());
    List<AlertEvent> events = new ArrayList<>();
    for (int t = 0; t < series.times().length; t++) {
      events.addAll(m.update(series.times()[t], series.values()[t]));
    }
    return events;
  }

  @Test
  void rejectsNonFiniteValuesAndAChangedChannelCount() {
    StreamMonitor m = new StreamMonitor("s", 2, MonitorConfig.defaults(), 0);
    assertThatThrownBy(() -> m.update(0, new double[] {1, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.update(0, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aServedRolloutFailureCountsAsAFailedRolloutOfTheNextBlock() {
    MonitorConfig config = MonitorConfig.defaults();
    StreamMonitor plain = new StreamMonitor("s", 3, config, 0);
    StreamMonitor fed = new StreamMonitor("s", 3, config, 0);
    fed.servedRolloutFailed(); // during the reference period there is nothing to count: ignored
    int t = 0;
    for (; t < config.warmupSamples() + 10 * config.hop(); t++) {
      plain.update(STUCK.times()[t], STUCK.values()[t]);
      fed.update(STUCK.times()[t], STUCK.values()[t]);
    }
    assertThat(fed.lastSignals().values()).isEqualTo(plain.lastSignals().values());

    int served = 5;
    long blocksBefore = plain.blocks;
    for (int end = t + served * config.hop(); t < end; t++) {
      fed.servedRolloutFailed(); // several per block count once: a block holds one rollout
      plain.update(STUCK.times()[t], STUCK.values()[t]);
      fed.update(STUCK.times()[t], STUCK.values()[t]);
    }
    assertThat(plain.blocks - blocksBefore).isEqualTo(served);
    int rate = Signal.ROLLOUT_FAILURE_RATE.ordinal();
    int ownFailures = 0;
    for (int i = 0; i < plain.rolloutCount; i++) if (plain.rollouts[i]) ownFailures++;
    int ownInServedBlocks = 0;
    for (long b = blocksBefore; b < plain.blocks; b++) {
      if (plain.rollouts[(int) (b % plain.rollouts.length)]) ownInServedBlocks++;
    }
    assertThat(fed.lastSignals().values()[rate])
        .isEqualTo((double) (ownFailures + served - ownInServedBlocks) / plain.rolloutCount)
        .isGreaterThan(plain.lastSignals().values()[rate]);
  }
}
