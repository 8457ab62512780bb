package io.chaoscast.models.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.models.drift.MonitorConfig;
import io.chaoscast.models.scenarios.ScenarioRunner.Opening;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ScenarioRunner#score}: which openings are false alarms, and of which kinds. */
class ScenarioScoringTest {

  /** 100 samples one second apart; a labelled anomaly from 60 s to 65 s. */
  static final ScenarioSeries SPIKE_AT_60 = series(60, 65);

  @Test
  void openingsBeforeTheChangeOrAfterAnUndetectedWindowAreFalseAlarmsCountedByKind() {
    var outcome =
        scoreSpike(
            new Opening(10, "FLAT_LINE", ""),
            new Opening(20, "ANOMALY", "surprise"),
            new Opening(30, "FLAT_LINE", ""),
            new Opening(70, "DYNAMICS_DRIFT", "residual"));

    assertThat(outcome.detected()).isFalse(); // nothing opened inside 60-65 s
    assertThat(outcome.falseAlarms()).isEqualTo(4);
    assertThat(outcome.falseAlarmKinds()).isEqualTo("ANOMALY 1, DYNAMICS_DRIFT 1, FLAT_LINE 2");
  }

  @Test
  void openingsAfterTheDetectionAreNeitherDetectionsNorFalseAlarms() {
    var outcome =
        scoreSpike(
            new Opening(61, "ANOMALY", "surprise"),
            new Opening(62, "FLAT_LINE", ""),
            new Opening(80, "DYNAMICS_DRIFT", "residual"));

    assertThat(outcome.detected()).isTrue();
    assertThat(outcome.delaySeconds()).isEqualTo(1.0);
    assertThat(outcome.firstKind()).isEqualTo("ANOMALY");
    assertThat(outcome.falseAlarms()).isZero();
    assertThat(outcome.falseAlarmKinds()).isEmpty();
  }

  /** Scores {@code opens} against a spike from 60 s to 65 s in 100 samples one second apart. */
  private static ScenarioOutcome scoreSpike(Opening... opens) {
    Scenario spike = new Scenario(SystemFamily.LORENZ, ChangeKind.SPIKE, 0.0, 100, 60, 1);
    return ScenarioRunner.score(spike, SPIKE_AT_60, List.of(opens), MonitorConfig.defaults(), 0);
  }

  private static ScenarioSeries series(double changeAt, double changeEnd) {
    double[] times = new double[100];
    double[][] values = new double[100][1];
    for (int t = 0; t < times.length; t++) times[t] = t;
    return new ScenarioSeries(times, values, changeAt, changeEnd);
  }
}
