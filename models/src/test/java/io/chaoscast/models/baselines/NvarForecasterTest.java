package io.chaoscast.models.baselines;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.models.forecast.PersistenceForecaster;
import io.chaoscast.models.testing.LorenzSamples;
import org.junit.jupiter.api.Test;

class NvarForecasterTest {

  private static double rmse(double[][] a, double[][] b, int steps) {
    double sum = 0;
    for (int t = 0; t < steps; t++) {
      for (int c = 0; c < a[t].length; c++) sum += (a[t][c] - b[t][c]) * (a[t][c] - b[t][c]);
    }
    return Math.sqrt(sum / (steps * a[0].length));
  }

  @Test
  void shouldForecastLorenzFarBetterThanPersistenceOverHalfALyapunovTime() {
    double[][] series = LorenzSamples.every10ms(450);
    double[][] context = java.util.Arrays.copyOfRange(series, 0, 400);
    double[][] truth = java.util.Arrays.copyOfRange(series, 400, 450);

    double[][] nvar = new NvarForecaster(2, 1, 1e-6).forecast(context, 50);
    double[][] naive = new PersistenceForecaster().forecast(context, 50);

    // Lorenz63 x has a standard deviation of about 8: an error under 0.5 is a tight forecast.
    assertThat(rmse(nvar, truth, 50)).isLessThan(0.5);
    assertThat(rmse(nvar, truth, 50)).isLessThan(0.1 * rmse(naive, truth, 50));
  }

  @Test
  void shouldKeepRolloutsInsideTheWidenedBoundingBox() {
    double[][] context = LorenzSamples.every10ms(60);
    double[][] forecast = new NvarForecaster(3, 2, 0.0).forecast(context, 2000);
    for (int c = 0; c < 3; c++) {
      double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
      for (double[] row : context) {
        lo = Math.min(lo, row[c]);
        hi = Math.max(hi, row[c]);
      }
      double margin = 0.5 * (hi - lo) + 1e-9;
      for (double[] row : forecast) {
        assertThat(row[c]).isFinite().isBetween(lo - margin, hi + margin);
      }
    }
  }

  @Test
  void shouldRepeatTheLastSampleForPersistence() {
    double[][] out = new PersistenceForecaster().forecast(new double[][] {{1, 2}, {3, 4}}, 3);
    assertThat(out).hasDimensions(3, 2);
    assertThat(out[2]).containsExactly(3, 4);
  }

  @Test
  void shouldCountFeaturesAsConstantLinearAndUniqueQuadratics() {
    // d = 3, k = 2: 1 + 6 + 6*7/2 = 28, as in Gauthier et al.'s Lorenz63 example
    assertThat(new NvarForecaster(2, 5, 1e-6).featureCount(3)).isEqualTo(28);
  }
}
