package io.chaoscast.models.mamba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.chaoscast.models.baselines.NvarModelForecaster;
import io.chaoscast.models.mamba.cpu.JavaMambaEngine;
import io.chaoscast.models.mamba.cuda.CudaMambaEngine;
import io.chaoscast.models.mamba.cuda.CudaUnavailableException;
import io.chaoscast.models.mamba.cuda.MambaEngines;
import io.chaoscast.models.mamba.f32.MambaWeights;
import io.chaoscast.models.mamba.f32.NvarResidual;
import io.chaoscast.models.metrics.Standardisation;
import io.chaoscast.models.training.Dataset;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Mamba that decodes residuals of an NVAR: the DJL forecaster and the Java engine add the same
 * base, a zero decoder forecasts exactly what the NVAR does, and the CUDA engine refuses it.
 */
class NvarResidualModelTest {

  static final MambaConfig CONFIG = new MambaConfig(3, 7, 2, 5, 16, 2, 2, 4, 4, false, 1);
  static final Dataset LORENZ = Dataset.simulate("lorenz63", 700);
  static final Standardisation NORM = Standardisation.fit(LORENZ.values());
  static final NvarModelForecaster NVAR =
      NvarModelForecaster.fit(LORENZ.slice(0, 560).values(), 2, 1, 1e-5, NORM);
  static final double[] SCALE = NvarResidualChoice.errorScale(NVAR, NORM.apply(LORENZ.values()), 5);

  MambaForecaster model;
  double[][][] contexts;

  @BeforeEach
  void setUp() {
    model = MambaForecaster.create(CONFIG, NORM.mean(), NORM.std(), 40, 3);
    model.useResidual(NvarResidual.of(NVAR, SCALE));
    contexts = new double[4][][];
    for (int b = 0; b < 4; b++) {
      contexts[b] = Arrays.copyOfRange(LORENZ.values(), 560 + 30 * b, 600 + 30 * b);
    }
  }

  @AfterEach
  void tearDown() {
    model.close();
  }

  @Test
  void aZeroDecoderShouldForecastExactlyWhatTheNvarForecasts(@TempDir Path dir) throws Exception {
    for (Pair<String, Parameter> p : model.network().getParameters()) {
      if (p.getKey().contains("head")) p.getValue().getArray().muli(0);
    }
    double[][] nvar = NVAR.forecastWindow(contexts[2], 23);
    double[][] djl = model.forecast(contexts, 23)[2];
    model.writeWeights(dir);
    double[][] java;
    try (JavaMambaEngine engine = JavaMambaEngine.load(dir)) {
      java = engine.forecast(contexts, 23)[2];
    }
    for (int h = 0; h < 23; h++) {
      for (int c = 0; c < 3; c++) {
        assertThat(djl[h][c]).isCloseTo(nvar[h][c], org.assertj.core.api.Assertions.within(1e-9));
        // the Java engine keeps its history in float32
        assertThat(java[h][c])
            .isCloseTo(nvar[h][c], org.assertj.core.api.Assertions.withinPercentage(0.01));
      }
    }
  }

  @Test
  void theJavaEngineShouldAddTheBaseAsTheDjlForecasterDoes(@TempDir Path dir) throws Exception {
    double[][][] expected = model.forecast(contexts, 47);
    double[][][] plain;
    try (MambaForecaster without = MambaForecaster.create(CONFIG, NORM.mean(), NORM.std(), 40, 3)) {
      plain = without.forecast(contexts, 47);
    }
    model.writeWeights(dir);
    assertThat(dir.resolve(NvarResidual.FILE)).exists();
    try (JavaMambaEngine engine = JavaMambaEngine.load(dir)) {
      double[][][] actual = engine.forecast(contexts, 47);
      double worst = 0;
      double fromPlain = 0;
      for (int b = 0; b < 4; b++) {
        for (int h = 0; h < 47; h++) {
          for (int c = 0; c < 3; c++) {
            double e = expected[b][h][c];
            worst = Math.max(worst, Math.abs(actual[b][h][c] - e) / Math.max(1, Math.abs(e)));
            fromPlain = Math.max(fromPlain, Math.abs(plain[b][h][c] - e));
          }
        }
      }
      assertThat(worst).isLessThan(1e-4);
      assertThat(fromPlain).as("the base changes the forecast").isGreaterThan(1);
    }
  }

  @Test
  void theCudaEngineShouldRefuseItAndAutoShouldServeItOnTheJavaEngine(@TempDir Path dir)
      throws Exception {
    model.writeWeights(dir);
    MambaWeights weights = MambaWeights.read(dir);
    assertThat(weights.residual()).isNotNull();
    assertThatThrownBy(() -> new CudaMambaEngine(weights))
        .isInstanceOf(CudaUnavailableException.class)
        .hasMessageContaining("NVAR base")
        .hasMessageContaining("Java engine");
    try (MambaEngines.Selection s = MambaEngines.select("auto", weights)) {
      assertThat(s.backend()).startsWith("java");
    }
  }

  @Test
  void perContextScalingAndResidualOutputShouldBeRefused() {
    MambaConfig increments = new MambaConfig(3, 7, 2, 5, 16, 2, 2, 4, 4, true, 1);
    try (MambaForecaster m = MambaForecaster.create(increments, NORM.mean(), NORM.std(), 40, 3)) {
      assertThatThrownBy(() -> m.useResidual(NvarResidual.of(NVAR, SCALE)))
          .hasMessageContaining("absolute output");
    }
  }
}
