package io.chaoscast.models.mamba.f32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.chaoscast.models.baselines.NvarModelForecaster;
import io.chaoscast.models.metrics.Standardisation;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NVAR base of a residual Mamba: its patch arithmetic, and its file. */
class NvarResidualTest {

  /** k = 1, d = 2: 1 + 2 + 3 features; a zero readout makes the NVAR hold its last sample. */
  private static NvarModelForecaster holdLast() {
    return NvarModelForecaster.of(
        1,
        1,
        0,
        new NvarModelForecaster.Fitted(
            new double[] {0, 0},
            new double[] {1, 1},
            new double[] {-10, -10},
            new double[] {10, 10},
            new double[6][2]));
  }

  private static final double[] SCALE = {0.5, 2, 1, 4}; // P = 2 samples x 2 channels

  @Test
  void aForecastPatchShouldBeTheNvarRunPlusTheScaledDecodedValues() {
    NvarResidual r = NvarResidual.of(holdLast(), SCALE);
    assertThat(r.patch()).isEqualTo(2);
    assertThat(r.lookback()).isEqualTo(1);
    double[][] z = r.apply(new double[][] {{3, -1}}, new float[] {9, 1, 2, 3, 4}, 1);
    // hold-last base (3, -1) twice, plus 0.5*1, 2*2, 1*3, 4*4
    assertThat(z[0]).containsExactly(3.5, 3.0);
    assertThat(z[1]).containsExactly(6.0, 15.0);
  }

  @Test
  void theTrainingTargetShouldBeTheResidualThatApplyTurnsBackIntoTheSamples() {
    NvarModelForecaster nvar =
        NvarModelForecaster.fit(
            lorenzLike(300), 2, 1, 1e-5, new Standardisation(new double[2], new double[] {1, 1}));
    NvarResidual r = NvarResidual.of(nvar, SCALE);
    double[][] series = lorenzLike(40);
    float[] target = {
      (float) series[21][0], (float) series[21][1], (float) series[22][0], (float) series[22][1]
    };
    r.toResidual(series, 20, target, 0);
    double[][] back =
        r.apply(java.util.Arrays.copyOfRange(series, 20 - r.lookback() + 1, 21), target, 0);
    assertThat(back[0][0]).isCloseTo(series[21][0], within(1e-5));
    assertThat(back[1][1]).isCloseTo(series[22][1], within(1e-5));
    // and in place on a flat history, as the Java engine does
    float[] flat = new float[23 * 2];
    for (int t = 0; t < 21; t++) for (int c = 0; c < 2; c++) flat[t * 2 + c] = (float) series[t][c];
    System.arraycopy(target, 0, flat, 42, 4);
    r.applyInPlace(flat, 20);
    assertThat((double) flat[44]).isCloseTo(series[22][0], within(1e-4));
  }

  @Test
  void itShouldSurviveItsFileAndRefuseAModelOfAnotherShape(@TempDir Path dir) throws IOException {
    NvarResidual r = NvarResidual.of(holdLast(), SCALE);
    r.write(dir);
    NvarResidual back = NvarResidual.read(dir, 2, 2);
    assertThat(back.describe()).isEqualTo(r.describe());
    assertThat(back.scale(3)).isEqualTo(4);
    assertThatThrownBy(() -> NvarResidual.read(dir, 2, 5))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("patch 2; the model has 2 and 5");
    assertThatThrownBy(() -> NvarResidual.read(dir.resolve("missing"), 2, 2))
        .isInstanceOf(IOException.class);
  }

  @Test
  void aHostileFileShouldBeRefusedWithItsName(@TempDir Path dir) throws IOException {
    for (String json :
        new String[] {
          "{}",
          "{\"delays\":0,\"spacing\":1,\"lo\":[0],\"hi\":[1],\"w\":[[0]],\"scale\":[1]}",
          "{\"delays\":1,\"spacing\":1,\"lo\":[0,0],\"hi\":[1,1],\"w\":[[0,0]],\"scale\":[1,1]}",
          "not json"
        }) {
      java.nio.file.Files.writeString(dir.resolve(NvarResidual.FILE), json);
      assertThatThrownBy(() -> NvarResidual.read(dir, 2, 1))
          .isInstanceOf(IOException.class)
          .hasMessageContaining(NvarResidual.FILE);
    }
  }

  @Test
  void aScaleThatIsNotPositiveShouldBeRefused() {
    assertThatThrownBy(() -> NvarResidual.of(holdLast(), new double[] {1, 0}))
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> NvarResidual.of(holdLast(), new double[] {1, 1, 1}))
        .hasMessageContaining("3 values for 2 channels");
  }

  /** A smooth two-channel oscillation, enough for an NVAR to fit. */
  private static double[][] lorenzLike(int n) {
    double[][] z = new double[n][2];
    for (int t = 0; t < n; t++) {
      z[t][0] = Math.sin(0.1 * t) + 0.3 * Math.sin(0.37 * t);
      z[t][1] = Math.cos(0.1 * t);
    }
    return z;
  }
}
