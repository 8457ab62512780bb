package io.chaoscast.models.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScenarioTest {

  @Test
  void theSameScenarioGeneratesTheSameSeries() {
    Scenario s = new Scenario(SystemFamily.JANSEN_RIT, ChangeKind.PARAMETER, 0.02, 3000, 2000, 3);
    assertThat(s.generate().values()).isDeepEqualTo(s.generate().values());
    assertThat(s.name()).isEqualTo("jansenrit-parameter-n0.02-s3");
  }

  @Test
  void aStuckSensorHoldsChannelZeroFromTheChangePoint() {
    ScenarioSeries s =
        new Scenario(SystemFamily.LORENZ, ChangeKind.STUCK_SENSOR, 0.0, 3000, 2000, 1).generate();
    double held = s.values()[1999][0];
    for (int t = 2000; t < 3000; t++) assertThat(s.values()[t][0]).isEqualTo(held);
    assertThat(s.values()[2500][1]).isNotEqualTo(s.values()[2501][1]);
    assertThat(s.changeAtSeconds()).isCloseTo(2000 / 0.906 / 40, within(1e-9));
  }

  @Test
  void sensorDriftAddsTheStatedRampToTheCleanSignal() {
    Scenario drift =
        new Scenario(SystemFamily.ROSSLER, ChangeKind.SENSOR_DRIFT, 0.0, 3000, 2000, 1);
    Scenario none = new Scenario(SystemFamily.ROSSLER, ChangeKind.NONE, 0.0, 3000, 0, 1);
    double[][] a = drift.generate().values();
    double[][] b = none.generate().values();
    double sd = 0;
    double mean = 0;
    for (int t = 0; t < 2000; t++) mean += b[t][0] / 2000;
    for (int t = 0; t < 2000; t++) sd += (b[t][0] - mean) * (b[t][0] - mean) / 2000;
    sd = Math.sqrt(sd);
    // 1000 samples = 25 Lyapunov times at 0.25 SD each
    assertThat(a[2999][0] - b[2999][0]).isCloseTo(0.25 * sd * 999 / 40.0, within(1e-9 * sd));
    assertThat(a[1999][0]).isEqualTo(b[1999][0]);
  }

  @Test
  void theSplitSuitesHaveDisjointSeedsAndNoiseAndFiveMinuteEegControls() {
    List<Scenario> tuning = ScenarioSuite.tuning();
    List<Scenario> heldOut = ScenarioSuite.heldOut();
    Set<Long> tuningSeeds = tuning.stream().map(Scenario::seed).collect(Collectors.toSet());
    Set<Double> tuningNoise = tuning.stream().map(Scenario::noiseLevel).collect(Collectors.toSet());
    assertThat(heldOut).noneMatch(s -> tuningSeeds.contains(s.seed()));
    assertThat(heldOut).noneMatch(s -> tuningNoise.contains(s.noiseLevel()));
    assertThat(tuningSeeds).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L);
    for (List<Scenario> part : List.of(tuning, heldOut)) {
      List<Scenario> eegControls =
          part.stream()
              .filter(s -> s.family() == SystemFamily.JANSEN_RIT && s.change() == ChangeKind.NONE)
              .toList();
      // six seeds per noise level, five minutes (76,800 samples at 256 Hz) each
      assertThat(eegControls).hasSize(6 * (part == tuning ? 1 : 2));
      assertThat(eegControls).allMatch(s -> s.samples() == 76_800);
    }
    assertThat(tuning).hasSize(46);
    assertThat(heldOut).hasSize(120);
  }
}
