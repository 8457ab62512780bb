package io.chaoscast.models.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ForecastMetricsTest {

  @Test
  void smapeIsZeroForAPerfectForecastAndTwoHundredForOppositeSigns() {
    double[][] y = {{1, -2}, {3, 4}};
    double[][] neg = {{-1, 2}, {-3, -4}};
    assertThat(Smape.over(y, y, 2)).isEqualTo(0.0);
    assertThat(Smape.over(neg, y, 2)).isCloseTo(200.0, within(1e-12));
    // one channel off by a factor 3: 200 * |3 - 1| / (3 + 1) / 2 channels = 50
    assertThat(Smape.perStep(new double[][] {{3, -2}}, new double[][] {{1, -2}})[0])
        .isCloseTo(50.0, within(1e-12));
  }

  @Test
  void aBlownUpForecastShouldScoreTheLargestErrorNotNone() {
    double[][] y = {{1, -2}};
    assertThat(Smape.perStep(new double[][] {{Double.NaN, Double.NaN}}, y)[0]).isEqualTo(200.0);
    // one channel NaN, the other perfect: 200 * (1 + 0) / 2
    assertThat(Smape.perStep(new double[][] {{Double.POSITIVE_INFINITY, -2}}, y)[0])
        .isEqualTo(100.0);
    double[][] nan = new double[5][1];
    for (double[] r : nan) r[0] = Double.NaN;
    double[][] ones = new double[5][1];
    for (double[] r : ones) r[0] = 1;
    assertThat(ValidPredictionTime.of(nan, ones, 0.01, 0.9).steps()).isZero();
  }

  @Test
  void validPredictionTimeCountsStepsBeforeCumulativeSmapeExceedsThirty() {
    int h = 10;
    double[][] actual = new double[h][1], forecast = new double[h][1];
    for (int t = 0; t < h; t++) {
      actual[t][0] = 1.0;
      forecast[t][0] = t < 4 ? 1.0 : -1.0; // sMAPE 0 for 4 steps, then 200
    }
    // cumulative means: 0,0,0,0, 40 -> first exceedance at step 5 (1-based) -> VPT 4 steps
    ValidPredictionTime vpt = ValidPredictionTime.of(forecast, actual, 0.01, 0.9);
    assertThat(vpt.steps()).isEqualTo(4);
    assertThat(vpt.seconds()).isCloseTo(0.04, within(1e-12));
    assertThat(vpt.lyapunovTimes()).isCloseTo(0.036, within(1e-12));
    assertThat(ValidPredictionTime.of(actual, actual, 0.01, 0.9).steps()).isEqualTo(h);
  }

  @Test
  void standardisationUsesTrainingMeanAndSd() {
    double[][] train = {{1, 10}, {3, 10}};
    Standardisation z = Standardisation.fit(train);
    assertThat(z.mean()).containsExactly(2, 10);
    assertThat(z.std()).containsExactly(1, 1); // constant channel is only centred
    assertThat(z.apply(new double[][] {{4, 12}})[0]).containsExactly(2, 2);
  }
}
