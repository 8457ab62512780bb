package io.chaoscast.models.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.chaoscast.models.testing.LorenzSamples;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ParrotForecasterTest {

  /** Two channels, period 25 samples: a sine and a sawtooth. */
  private static double[][] periodic(int samples) {
    double[][] out = new double[samples][];
    for (int t = 0; t < samples; t++) {
      out[t] = new double[] {Math.sin(2 * Math.PI * t / 25.0), (t % 25) / 5.0};
    }
    return out;
  }

  @Test
  void shouldContinueAPeriodicSignalExactly() {
    double[][] series = periodic(260);
    double[][] context = Arrays.copyOfRange(series, 0, 200);

    double[][] forecast = new ParrotForecaster(8, 1).forecast(context, 60);

    for (int k = 0; k < 60; k++) {
      assertThat(forecast[k][0]).isCloseTo(series[200 + k][0], within(1e-12));
      assertThat(forecast[k][1]).isCloseTo(series[200 + k][1], within(1e-12));
    }
  }

  @Test
  void shouldRepeatTheMatchedStretchWhenTheHorizonOutrunsTheWindow() {
    // 60 samples, horizon 100: the exclusion shrinks and the copy runs on into its own forecast.
    double[][] series = periodic(160);
    double[][] context = Arrays.copyOfRange(series, 0, 60);

    double[][] forecast = new ParrotForecaster(6, 2).forecast(context, 100);

    for (int k = 0; k < 100; k++) {
      assertThat(forecast[k][0]).isCloseTo(series[60 + k][0], within(1e-12));
    }
  }

  @Test
  void shouldCopyWhatFollowedTheNearestMotifInRawUnits() {
    // 10, 20, 30 is followed by 31 early on; the present ends in 10, 20, 30 again.
    double[][] context = column(10, 20, 30, 31, 5, 6, 7, 8, 9, 10, 20, 30);

    double[][] forecast = new ParrotForecaster(3, 1).forecast(context, 1);

    assertThat(forecast[0][0]).isEqualTo(31.0);
  }

  @Test
  void shouldBeatPersistenceOnLorenzOverOneLyapunovTime() {
    double[][] series = LorenzSamples.every10ms(6000);
    int context = 3000;
    int horizon = 110;
    double parrotError = 0;
    double naiveError = 0;
    for (int origin = context; origin + horizon <= series.length; origin += 300) {
      double[][] window = Arrays.copyOfRange(series, origin - context, origin);
      double[][] truth = Arrays.copyOfRange(series, origin, origin + horizon);
      parrotError +=
          rmse(
              new ParrotForecaster(ParrotForecaster.DEFAULT_COORDINATES, 1)
                  .forecast(window, horizon),
              truth);
      naiveError += rmse(new PersistenceForecaster().forecast(window, horizon), truth);
    }
    assertThat(parrotError).isLessThan(0.5 * naiveError);
  }

  @Test
  void shouldNameItsDelayVectorInItsId() {
    assertThat(new ParrotForecaster(8, 2).id()).isEqualTo("parrot-c8-t2@1");
    assertThat(new ParrotForecaster(8, 2).minContextLength()).isEqualTo(16);
  }

  @Test
  void shouldMatchOnFewerSamplesTheMoreChannelsAStreamHas() {
    var parrot = new ParrotForecaster(4, 1);
    assertThat(parrot.motifSamples(1)).isEqualTo(4);
    assertThat(parrot.motifSamples(3)).isEqualTo(2);
    assertThat(parrot.motifSamples(8)).isEqualTo(1);
  }

  @Test
  void shouldRejectAnEmptyDelayVector() {
    assertThatThrownBy(() -> new ParrotForecaster(0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRejectAContextShorterThanOneMotifAndItsSuccessor() {
    assertThatThrownBy(() -> new ParrotForecaster(3, 1).forecast(column(1, 2, 3), 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shorter than 4");
  }

  private static double[][] column(double... values) {
    double[][] out = new double[values.length][];
    for (int t = 0; t < values.length; t++) out[t] = new double[] {values[t]};
    return out;
  }

  private static double rmse(double[][] a, double[][] b) {
    double sum = 0;
    for (int t = 0; t < a.length; t++) {
      for (int c = 0; c < a[t].length; c++) sum += (a[t][c] - b[t][c]) * (a[t][c] - b[t][c]);
    }
    return Math.sqrt(sum / (a.length * a[0].length));
  }
}
