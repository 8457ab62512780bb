package io.chaoscast.jobs.skill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chaoscast.connectors.schema.Forecast;
import io.chaoscast.connectors.schema.ForecastSkill;
import org.junit.jupiter.api.Test;

class SkillScorerTest {

  /** mean 0, standard deviation 1: standardising changes nothing, so values are hand-checkable. */
  private static RunningScale unitScale() {
    RunningScale s = new RunningScale();
    s.mean = new double[] {0, 0};
    s.variance = new double[] {1, 1};
    s.count = 1000;
    return s;
  }

  private static Forecast forecast(double[][] values) {
    return new Forecast("s", 1_000, "m@1", 20, values.length, null, values, 900, null);
  }

  @Test
  void shouldScoreAPerfectForecastAsZeroErrorValidOverTheWholeHorizon() {
    double[][] v = {{1, 2}, {3, 4}, {5, 6}};
    ForecastSkill skill = SkillScorer.score(forecast(v), v, unitScale());

    assertThat(skill.evaluatedSteps()).isEqualTo(3);
    assertThat(skill.smape()).isZero();
    assertThat(skill.errorByStep()).containsExactly(0, 0, 0);
    assertThat(skill.vptSteps()).isEqualTo(3);
    assertThat(skill.vptSeconds()).isCloseTo(0.06, within(1e-12));
  }

  @Test
  void shouldMatchHandComputedSmapeErrorAndValidPredictionTime() {
    double[][] predicted = {{1, 1}, {1, 1}, {1, 1}};
    double[][] actual = {{1, 1}, {1, 3}, {3, 3}};
    // step sMAPE: 0; (200/2) * (0 + 2/4) = 50; (200/2) * (2/4 + 2/4) = 100
    // cumulative means: 0, 25, 50 -> first above 30 at step 3, so VPT = 2 steps
    ForecastSkill skill = SkillScorer.score(forecast(predicted), actual, unitScale());

    assertThat(skill.smapeByStep()).containsExactly(0, 50, 100);
    assertThat(skill.smape()).isCloseTo(50, within(1e-12));
    assertThat(skill.errorByStep()[1]).isCloseTo(Math.sqrt(2), within(1e-12)); // sqrt((0 + 4) / 2)
    assertThat(skill.vptSteps()).isEqualTo(2);
    assertThat(skill.vptSeconds()).isCloseTo(0.04, within(1e-12));
  }

  @Test
  void shouldScoreOnlyTheLeadingStepsThatHaveActuals() {
    double[][] v = {{1, 1}, {2, 2}, {3, 3}};
    ForecastSkill skill =
        SkillScorer.score(forecast(v), new double[][] {{1, 1}, {2, 2}, null}, unitScale());
    assertThat(skill.evaluatedSteps()).isEqualTo(2);
    assertThat(SkillScorer.score(forecast(v), new double[][] {null, {2, 2}, {3, 3}}, unitScale()))
        .isNull();
  }

  @Test
  void shouldKeepACumulativeThenExponentiallyWeightedScale() {
    RunningScale s = new RunningScale();
    s.update(new double[] {1});
    s.update(new double[] {2});
    s.update(new double[] {3});
    assertThat(s.mean[0]).isCloseTo(2.0, within(1e-12));
    assertThat(s.variance[0]).isCloseTo(2.0 / 3.0, within(1e-12)); // population variance of 1, 2, 3
    assertThat(s.standardise(new double[] {3})[0])
        .isCloseTo(1 / Math.sqrt(2.0 / 3.0), within(1e-12));
  }
}
