package io.chaoscast.models.mamba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chaoscast.models.baselines.NvarModelForecaster;
import io.chaoscast.models.training.Dataset;
import org.junit.jupiter.api.Test;

/**
 * The rule that makes an NVAR a Mamba's base, on the bench's training series (fitted on the first
 * 800 of 1,000 samples): Lorenz63's NVAR reaches about 4 Lyapunov times over its fitting segment,
 * Rossler's about half of one (docs/bench/nvar-residual/reach.txt has all 15 systems).
 */
class NvarResidualChoiceTest {

  @Test
  void lorenzShouldGetTheNvarBaseAndRosslerShouldNot() {
    NvarResidualChoice.Choice lorenz =
        NvarResidualChoice.choose(Dataset.simulate("lorenz63", 1000), 800, 150, 300, 5);
    assertThat(lorenz.residual()).isNotNull();
    assertThat(lorenz.residual().patch()).isEqualTo(5);
    assertThat(lorenz.reason()).contains("reaches 3.9").contains("needs 2.0");
    NvarResidualChoice.Choice rossler =
        NvarResidualChoice.choose(Dataset.simulate("rossler", 1000), 800, 150, 300, 5);
    assertThat(rossler.residual()).isNull();
    assertThat(rossler.reason()).contains("reaches 0.5");
  }

  @Test
  void aSeriesWithoutALyapunovExponentOrTooShortShouldKeepThePlainMamba() {
    Dataset lorenz = Dataset.simulate("lorenz63", 1000);
    Dataset unknown = new Dataset("csv", lorenz.values(), lorenz.dt(), Double.NaN);
    assertThat(NvarResidualChoice.choose(unknown, 800, 150, 300, 5).reason())
        .contains("no Lyapunov exponent");
    assertThat(NvarResidualChoice.choose(lorenz.slice(0, 300), 240, 150, 300, 5).reason())
        .contains("too short");
  }

  @Test
  void theErrorScaleShouldBeTheRmsOfTheNvarsErrorAtEachLead() {
    // an NVAR that holds its last sample, on a ramp z_t = 0.1 t: its error at lead q is 0.1 q
    NvarModelForecaster hold =
        NvarModelForecaster.of(
            1,
            1,
            0,
            new NvarModelForecaster.Fitted(
                new double[] {0},
                new double[] {1},
                new double[] {-1e9},
                new double[] {1e9},
                new double[3][1]));
    double[][] ramp = new double[50][1];
    for (int t = 0; t < 50; t++) ramp[t][0] = 0.1 * t;
    double[] r = NvarResidualChoice.errorScale(hold, ramp, 3);
    assertThat(r[0]).isCloseTo(0.1, within(1e-12));
    assertThat(r[1]).isCloseTo(0.2, within(1e-12));
    assertThat(r[2]).isCloseTo(0.3, within(1e-12));
  }
}
