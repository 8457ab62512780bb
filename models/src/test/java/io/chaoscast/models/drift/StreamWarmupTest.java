package io.chaoscast.models.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.chaoscast.models.scenarios.ChangeKind;
import io.chaoscast.models.scenarios.Scenario;
import io.chaoscast.models.scenarios.ScenarioSeries;
import io.chaoscast.models.scenarios.SystemFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Warm-up lengths, time-based phases and gaps: a stream is watched within 1,000 samples. */
class StreamWarmupTest {

  private static final ScenarioSeries LORENZ =
      new Scenario(SystemFamily.LORENZ, ChangeKind.NONE, 0.02, 8_000, 0, 2).generate();

  /** The sample at which a monitor under these settings starts monitoring, or -1. */
  private static int monitoringFrom(MonitorConfig config, double[] times) {
    StreamMonitor m = new StreamMonitor("s", 3, config, 0);
    for (int t = 0; t < times.length; t++) {
      m.update(times[t], LORENZ.values()[t]);
      if (m.monitoring()) return t + 1;
    }
    return -1;
  }

  private static double[] regular(double interval) {
    double[] times = new double[LORENZ.times().length];
    for (int t = 0; t < times.length; t++) times[t] = 1.7e9 + t * interval;
    return times;
  }

  @Test
  void withDefaultsAStreamIsMonitoredWithinAThousandSamplesWhateverItsSamplingInterval() {
    MonitorConfig d = MonitorConfig.defaults();
    for (double interval : new double[] {1.0 / 256, 0.01, 1, 5, 60, 3600}) {
      assertThat(monitoringFrom(d, regular(interval)))
          .as("every %s s", interval)
          .isBetween(1, 1000);
    }
    // irregular: jittered intervals of 5-15 s and a 6-hour pause every 400 samples (each pause in
    // calibration costs up to a window of samples before blocks resume)
    SplittableRandom random = new SplittableRandom(3);
    double[] times = new double[LORENZ.times().length];
    for (int t = 1; t < times.length; t++) {
      times[t] = times[t - 1] + 5 + 10 * random.nextDouble() + (t % 400 == 0 ? 6 * 3600 : 0);
    }
    assertThat(monitoringFrom(d, times)).as("irregular with gaps").isBetween(1, 1000);
  }

  @Test
  void phasesEndEarlierByStreamTimeButNeverBelowTheirMinimum() {
    MonitorConfig d = MonitorConfig.defaults();
    MonitorConfig byTime =
        d.with(
            c -> {
              c.referenceSeconds = 300;
              c.calibrationSeconds = 200;
            });
    // one sample a second: 300 reference samples, then calibration until 200 s have passed
    // (blocks every 4 samples once the 96-sample window is full: 200 samples)
    assertThat(monitoringFrom(byTime, regular(1))).isEqualTo(301 + 200);
    // one a minute: both phases fall back to their minimum, 256 samples and 8 blocks (the first
    // block once the window is full)
    assertThat(monitoringFrom(byTime, regular(60)))
        .isEqualTo(MonitorConfig.MIN_REFERENCE_SAMPLES + d.window() + 7 * d.hop());
  }

  @Test
  void theSamplingIntervalIsAClippedRunningMeanThatAPauseBarelyMoves() {
    assertThat(StreamMonitor.nextInterval(Double.NaN, 2)).isEqualTo(2);
    assertThat(StreamMonitor.nextInterval(2, 0)).as("a repeated time").isEqualTo(2);
    assertThat(StreamMonitor.nextInterval(2, 2)).isEqualTo(2);
    assertThat(StreamMonitor.nextInterval(2, 3600)).isCloseTo(0.95 * 2 + 0.05 * 10, within(1e-12));
    assertThat(StreamMonitor.nextInterval(2, 0.01)).isCloseTo(0.95 * 2 + 0.05 * 0.4, within(1e-12));
  }

  @Test
  void misconfigurationNamesTheKey() {
    MonitorConfig d = MonitorConfig.defaults();
    assertThatThrownBy(() -> d.withWarmup(100, d.calibrationSamples()))
        .hasMessage("drift.reference_samples must be >= 256");
    assertThatThrownBy(() -> d.withWarmup(512, 64))
        .hasMessage("drift.calibration_samples must be >= 8 hop + window");
  }

  @Test
  void aGapRestartsTheWindowsInsteadOfRaisingAnAlert() {
    // a stationary stream that pauses for an hour and loses 700 samples in the pause: the samples
    // on either side no longer follow each other
    double[] times = regular(0.01);
    double[][] values = LORENZ.values().clone();
    List<Integer> kept = new ArrayList<>();
    for (int t = 0; t < times.length; t++) if (t < 3_000 || t >= 3_700) kept.add(t);
    StreamMonitor m = new StreamMonitor("s", 3, MonitorConfig.defaults(), 0);
    List<AlertEvent> events = new ArrayList<>();
    for (int t : kept) {
      double time = times[t] + (t >= 3_700 ? 3600 : 0);
      events.addAll(m.update(time, values[t]));
    }
    assertThat(m.monitoring()).isTrue();
    assertThat(events).isEmpty();
  }
}
