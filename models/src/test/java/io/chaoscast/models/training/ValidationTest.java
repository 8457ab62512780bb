package io.chaoscast.models.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.models.evaluation.EvaluationResult;
import org.junit.jupiter.api.Test;

class ValidationTest {

  /**
   * 10 origins at dt 0.1 and lambda_1 1/3: one step is 1/30 LT, so one step at one origin 1/300.
   */
  private static EvaluationResult result(double vptLyapunov, double smapeHorizon) {
    return new EvaluationResult(
        "m",
        10,
        150,
        100,
        0.1,
        1 / 3.0,
        1,
        Double.NaN,
        Double.NaN,
        smapeHorizon,
        vptLyapunov * 30,
        vptLyapunov * 3,
        vptLyapunov,
        vptLyapunov,
        vptLyapunov,
        vptLyapunov,
        new double[10],
        0);
  }

  @Test
  void candidatesThatReachTheEndOfTheHorizonShouldBeRankedByTheirErrorOverIt() {
    double capped = 100 / 30.0; // every origin valid over the whole 100-step horizon
    assertThat(Validation.score(result(capped, 4)))
        .isGreaterThan(Validation.score(result(capped, 9)));
  }

  @Test
  void oneMoreValidStepAtOneOriginShouldOutweighAnyDifferenceInError() {
    double vpt = 2.0;
    double oneStepMore = vpt + 1 / 300.0;
    assertThat(Validation.score(result(oneStepMore, 200)))
        .isGreaterThan(Validation.score(result(vpt, 0)));
    // the tie-break is worth at most half a step at one origin
    assertThat(Validation.score(result(vpt, 0)) - vpt)
        .isCloseTo(0.5 / 300, org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void withoutAnErrorTheScoreShouldBeTheVpt() {
    assertThat(Validation.score(result(1.5, Double.NaN))).isEqualTo(1.5);
  }
}
