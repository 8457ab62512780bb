package io.chaoscast.models.mamba.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoscast.models.mamba.MambaConfig;
import io.chaoscast.models.mamba.MambaForecaster;
import io.chaoscast.models.mamba.f32.MambaWeights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure-Java engine reproduces the DJL forecaster from the portable export alone. */
class JavaMambaEngineTest {

  static final MambaConfig CONFIG = new MambaConfig(3, 4, 3, 5, 16, 2, 2, 8, 4, false, 1);
  static MambaForecaster djl;
  static double[][][] contexts;

  @BeforeAll
  static void setUp() {
    djl =
        MambaForecaster.create(CONFIG, new double[] {1, -2, 0.5}, new double[] {2, 0.5, 3}, 40, 11);
    Random rnd = new Random(5);
    contexts = new double[7][40][3];
    for (double[][] c : contexts) {
      for (double[] row : c) for (int k = 0; k < 3; k++) row[k] = rnd.nextGaussian() * 2;
    }
  }

  @AfterAll
  static void tearDown() {
    djl.close();
  }

  @Test
  void javaEngineShouldMatchTheDjlForecasterOnRandomContextsWithinFloatTolerance(@TempDir Path dir)
      throws Exception {
    assertJavaEngineMatches(djl, dir);
  }

  @Test
  void javaEngineShouldMatchAResidualMultiHeadModel(@TempDir Path dir) throws Exception {
    MambaConfig residual = new MambaConfig(3, 4, 3, 5, 16, 2, 2, 8, 4, true, 3);
    try (MambaForecaster model =
        MambaForecaster.create(
            residual, new double[] {1, -2, 0.5}, new double[] {2, 0.5, 3}, 40, 11)) {
      assertJavaEngineMatches(model, dir);
      assertThat(io.chaoscast.models.mamba.f32.MambaWeights.read(dir).dims().residualOutput())
          .isTrue();
    }
  }

  private static void assertJavaEngineMatches(MambaForecaster djl, Path dir) throws Exception {
    djl.writeWeights(dir);
    assertThat(dir.resolve("mamba.f32")).exists();
    assertThat(dir.resolve("mamba.f32.json")).exists();
    double[][][] expected = djl.forecast(contexts, 63);
    try (JavaMambaEngine engine = JavaMambaEngine.load(dir)) {
      double[][][] actual = engine.forecast(contexts, 63);
      double worst = 0;
      for (int b = 0; b < contexts.length; b++) {
        for (int h = 0; h < 63; h++) {
          for (int c = 0; c < 3; c++) {
            double e = expected[b][h][c];
            double err = Math.abs(actual[b][h][c] - e) / Math.max(1, Math.abs(e));
            worst = Math.max(worst, err);
          }
        }
      }
      assertThat(worst).isLessThan(1e-4);
      assertThat(actual[0][62]).isNotEqualTo(actual[1][62]);
    }
  }

  @Test
  void perContextNormalisationShouldAgreeBetweenDjlAndTheJavaEngineAndIgnoreOffsetAndScale(
      @TempDir Path dir) throws Exception {
    try (MambaForecaster revin =
        MambaForecaster.create(
            CONFIG,
            new io.chaoscast.models.mamba.f32.Scaling(
                new double[] {1, -2, 0.5}, new double[] {2, 0.5, 3}, true),
            40,
            11)) {
      revin.writeWeights(dir);
      // RevIN: a context shifted and scaled per channel gives the same forecast, shifted and scaled
      double[][][] moved = new double[contexts.length][40][3];
      for (int b = 0; b < contexts.length; b++) {
        for (int t = 0; t < 40; t++) {
          for (int c = 0; c < 3; c++) moved[b][t][c] = 100 + 7 * contexts[b][t][c];
        }
      }
      double[][][] expected = revin.forecast(contexts, 20);
      double[][][] expectedMoved = revin.forecast(moved, 20);
      try (JavaMambaEngine engine = JavaMambaEngine.load(dir)) {
        assertThat(engine.dims().channels()).isEqualTo(3);
        double[][][] actual = engine.forecast(moved, 20);
        for (int b = 0; b < contexts.length; b++) {
          for (int h = 0; h < 20; h++) {
            for (int c = 0; c < 3; c++) {
              double want = 100 + 7 * expected[b][h][c];
              assertThat(expectedMoved[b][h][c])
                  .isCloseTo(want, org.assertj.core.data.Offset.offset(1e-3 * Math.abs(want)));
              assertThat(actual[b][h][c])
                  .isCloseTo(
                      expectedMoved[b][h][c],
                      org.assertj.core.data.Offset.offset(1e-4 * Math.max(1, Math.abs(want))));
            }
          }
        }
      }
    }
  }

  @Test
  void anArtifactSavedWithoutTheExportShouldBeConvertibleInPlace(@TempDir Path dir)
      throws Exception {
    io.chaoscast.models.artifact.ModelManifest manifest =
        new io.chaoscast.models.artifact.ModelManifest(
            "mamba",
            io.chaoscast.models.artifact.ModelArtifacts.FORMAT_VERSION,
            djl.id(),
            3,
            0.01,
            40,
            63,
            new io.chaoscast.models.artifact.ModelManifest.Embedding(4, 3),
            new double[] {1, -2, 0.5},
            new double[] {2, 0.5, 3},
            new io.chaoscast.models.artifact.ModelManifest.TrainingSummary(
                "test", 1, 1, 0, 0, 11, 0),
            java.util.Map.of(),
            CONFIG.toHyperparameters(),
            MambaForecaster.WEIGHTS,
            "test");
    io.chaoscast.models.artifact.ModelArtifacts.save(dir, manifest, djl);
    Files.delete(dir.resolve("mamba.f32"));
    Files.delete(dir.resolve("mamba.f32.json"));
    MambaForecaster.exportPortable(dir);
    try (JavaMambaEngine engine = JavaMambaEngine.load(dir)) {
      double[][][] a = engine.forecast(contexts, 10);
      double[][][] b = djl.forecast(contexts, 10);
      assertThat(a[3][9][1])
          .isCloseTo(
              b[3][9][1],
              org.assertj.core.data.Offset.offset(1e-3 * Math.max(1, Math.abs(b[3][9][1]))));
    }
  }

  @Test
  void exportShouldHoldEveryDjlParameterUnderItsCanonicalName() {
    MambaWeights w = djl.portableWeights();
    assertThat(MambaWeights.tensorShapes(w.dims()))
        .containsKeys(
            "embed.weight", "layers.1.x_proj.weight", "layers.0.a_log", "norm_f.gain", "head.bias");
    assertThat(w.tensor("layers.0.a_log")[1])
        .isCloseTo((float) Math.log(2), org.assertj.core.data.Offset.offset(1e-6f));
  }

  @Test
  void engineShouldUseEveryCoreOfTheMachine() throws Exception {
    try (JavaMambaEngine engine = new JavaMambaEngine(djl.portableWeights())) {
      assertThat(engine.parallelism()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }
  }

  @Test
  void shortContextsShouldBeRefusedWithTheMinimumLength() {
    try (JavaMambaEngine engine = new JavaMambaEngine(djl.portableWeights())) {
      assertThatThrownBy(() -> engine.forecast(new double[1][5][3], 10))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("shorter than 13");
    }
  }

  @Test
  void exportShouldRoundTripThroughTheFilesBitForBit(@TempDir Path dir) throws Exception {
    MambaWeights w =
        MambaWeights.random(
            new io.chaoscast.models.mamba.f32.MambaDims(2, 1, 2, 3, 8, 1, 2, 4, 3, 1, true), 20, 9);
    w.write(dir);
    MambaWeights back = MambaWeights.read(dir);
    assertThat(back.packed()).containsExactly(w.packed());
    assertThat(back.dims()).isEqualTo(w.dims());
    assertThat(Files.size(dir.resolve("mamba.f32"))).isEqualTo(4L * w.packed().length);
  }
}
