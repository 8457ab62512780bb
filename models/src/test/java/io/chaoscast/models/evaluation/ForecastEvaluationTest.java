package io.chaoscast.models.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.metrics.Standardisation;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ForecastEvaluationTest {

  /** A forecaster that knows the future: it returns the series itself after the context. */
  private static Forecaster oracle(double[][] series, double offsetAfter, int breakStep) {
    return new Forecaster() {
      @Override
      public String id() {
        return "oracle";
      }

      @Override
      public int minContextLength() {
        return 1;
      }

      @Override
      public double[][][] forecast(double[][][] contexts, int horizon) {
        double[][][] out = new double[contexts.length][horizon][];
        for (int b = 0; b < contexts.length; b++) {
          // the context's last row identifies the origin (values are unique)
          int o = (int) Math.round(contexts[b][contexts[b].length - 1][0]) + 1;
          for (int h = 0; h < horizon; h++) {
            double v = series[o + h][0] + (h >= breakStep ? offsetAfter : 0);
            out[b][h] = new double[] {v};
          }
        }
        return out;
      }
    };
  }

  @Test
  void originsShouldLeaveRoomForContextAndHorizonAndBeEvenlySpread() {
    int[] o = ForecastEvaluation.origins(1000, 100, 300, 5);
    assertThat(o).containsExactly(100, 250, 400, 550, 700);
  }

  @Test
  void aPerfectForecastShouldScoreZeroSmapeAndTheWholeHorizon() {
    double[][] series = new double[1000][];
    for (int t = 0; t < series.length; t++) series[t] = new double[] {t};
    Standardisation identity = new Standardisation(new double[] {0}, new double[] {1});
    EvaluationResult r =
        ForecastEvaluation.evaluate(
            oracle(series, 0, 0), series, identity, 10, 300, 20, 0.1, 1 / 3.0);
    // 1 LT = 30 steps at dt 0.1 and lambda 1/3
    assertThat(r.smape1lt()).isZero();
    assertThat(r.smape10lt()).isZero();
    assertThat(r.smapeHorizon()).isZero();
    assertThat(r.vptSteps()).isEqualTo(300);
    assertThat(r.vptLyapunov()).isCloseTo(10.0, within(1e-9));
    assertThat(r.vptLyapunovIqr()).isZero();
  }

  @Test
  void aForecastThatBreaksAtStep60ShouldBeValidForAboutTwoLyapunovTimes() {
    double[][] series = new double[1000][];
    for (int t = 0; t < series.length; t++) series[t] = new double[] {t};
    Standardisation identity = new Standardisation(new double[] {0}, new double[] {1});
    // sign flip after step 60: sMAPE jumps to 200, cumulative mean crosses 30 at step 71 (0-based
    // 70)
    Forecaster f = oracle(series, 0, 0);
    Forecaster broken =
        new Forecaster() {
          @Override
          public String id() {
            return "broken";
          }

          @Override
          public int minContextLength() {
            return 1;
          }

          @Override
          public double[][][] forecast(double[][][] contexts, int horizon) {
            double[][][] out = f.forecast(contexts, horizon);
            for (double[][] o : out) for (int h = 60; h < horizon; h++) o[h][0] = -o[h][0];
            return out;
          }
        };
    EvaluationResult r =
        ForecastEvaluation.evaluate(broken, series, identity, 10, 300, 20, 0.1, 1 / 3.0);
    // cumulative mean after t steps = 200 (t - 60) / t > 30  <=>  t > 70.59, first t = 71
    assertThat(r.vptSteps()).isEqualTo(70);
    assertThat(r.vptLyapunov()).isCloseTo(70 / 30.0, within(1e-9));
    assertThat(r.smape1lt()).isZero();
    assertThat(r.smape4lt()).isCloseTo(200.0 * 60 / 120, within(1e-9));
    assertThat(r.smapeHorizon()).isCloseTo(200.0 * 240 / 300, within(1e-9)); // steps 60-299 at 200
    assertThat(Arrays.stream(r.vptLyapunovPerOrigin()).distinct().count()).isEqualTo(1);
  }
}
