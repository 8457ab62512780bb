package io.chaoscast.models.mamba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.chaoscast.models.artifact.LoadedModel;
import io.chaoscast.models.artifact.ModelArtifacts;
import io.chaoscast.models.artifact.ModelManifest;
import io.chaoscast.models.training.Dataset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recurrent inference equals full recomputation; weights survive the artifact round trip. */
class MambaForecasterTest {

  static final MambaConfig CONFIG = new MambaConfig(3, 4, 3, 5, 16, 2, 2, 8, 4, false, 1);

  /** Residual output and three prediction heads: the train command's recipe. */
  static final MambaConfig RESIDUAL = new MambaConfig(3, 4, 3, 5, 16, 2, 2, 8, 4, true, 3);

  static MambaForecaster model;
  static MambaForecaster residual;
  static double[][][] contexts;

  @BeforeAll
  static void setUp() {
    Dataset data = Dataset.simulate("lorenz63", 600);
    io.chaoscast.models.metrics.Standardisation norm =
        io.chaoscast.models.metrics.Standardisation.fit(data.values());
    model = MambaForecaster.create(CONFIG, norm.mean(), norm.std(), 150, 3);
    residual = MambaForecaster.create(RESIDUAL, norm.mean(), norm.std(), 150, 3);
    contexts = new double[4][][];
    for (int b = 0; b < 4; b++)
      contexts[b] = Arrays.copyOfRange(data.values(), 100 * b, 100 * b + 150);
  }

  @AfterAll
  static void tearDown() {
    model.close();
    residual.close();
  }

  static java.util.stream.Stream<MambaForecaster> models() {
    return java.util.stream.Stream.of(model, residual);
  }

  @org.junit.jupiter.params.ParameterizedTest(autoCloseArguments = false) // shared models
  @org.junit.jupiter.params.provider.MethodSource("models")
  void stepByStepRecurrenceShouldEqualTheParallelScanOfTheWholeSequence(MambaForecaster model) {
    MambaNetwork net = model.network();
    try (NDManager m = model.model().getNDManager().newSubManager()) {
      ParameterStore ps = new ParameterStore(m, false);
      NDArray tokens = m.randomNormal(new Shape(2, 12, CONFIG.tokens().tokenDim()));
      NDList heads = net.forward(ps, new NDList(tokens), false);
      assertThat(heads).hasSize(model.config().predictionHeads());
      NDArray full = heads.head();
      MambaNetwork.Prefill pre = net.prefill(ps, tokens.get(new NDIndex(":, :7, :")), false);
      List<io.chaoscast.models.mamba.SsmState> states = pre.states();
      assertThat(pre.output().sub(full.get(new NDIndex(":, :7, :"))).abs().max().getFloat())
          .isLessThan(1e-5f);
      for (int t = 7; t < 12; t++) {
        MambaNetwork.Step s = net.step(ps, tokens.get(new NDIndex(":, {}, :", t)), states, false);
        states = s.states();
        float diff = s.output().sub(full.get(new NDIndex(":, {}, :", t))).abs().max().getFloat();
        assertThat(diff).as("token %d", t).isLessThan(1e-5f);
      }
    }
  }

  @org.junit.jupiter.params.ParameterizedTest(autoCloseArguments = false) // shared models
  @org.junit.jupiter.params.provider.MethodSource("models")
  void recurrentRolloutShouldEqualFullWindowRecomputationForEveryStep(MambaForecaster model) {
    double[][][] fast = model.forecast(contexts, 60);
    double[][][] slow = model.forecastByRecomputation(contexts, 60);
    for (int b = 0; b < contexts.length; b++) {
      for (int h = 0; h < 60; h++) {
        for (int c = 0; c < 3; c++) {
          assertThat(fast[b][h][c]).isCloseTo(slow[b][h][c], within(1e-2));
        }
      }
    }
    assertThat(fast[0][59]).isNotEqualTo(fast[1][59]); // the batch is not collapsed
  }

  @Test
  void residualOutputShouldAddTheTokensLastSampleRepeatedOverThePatch() {
    MambaConfig absolute = new MambaConfig(3, 4, 3, 5, 16, 2, 2, 8, 4, false, 1);
    MambaConfig increments = new MambaConfig(3, 4, 3, 5, 16, 2, 2, 8, 4, true, 1);
    double[] zero = {0, 0, 0};
    double[] one = {1, 1, 1};
    try (MambaForecaster a = MambaForecaster.create(absolute, zero, one, 150, 9);
        MambaForecaster r = MambaForecaster.create(increments, zero, one, 150, 9);
        NDManager m = a.model().getNDManager().newSubManager()) {
      ParameterStore ps = new ParameterStore(m, false);
      int f = absolute.tokens().tokenDim();
      float[] token = new float[f];
      for (int i = 0; i < f; i++) token[i] = i * 0.1f - 1;
      NDArray x = m.create(token, new Shape(1, 1, f));
      float[] ya = a.network().forward(ps, new NDList(x), false).head().toFloatArray();
      float[] yr = r.network().forward(ps, new NDList(x), false).head().toFloatArray();
      // the last delay vector of a token starts at (P - 1) m d = 4 * 3 * 3 = 36: z_t =
      // token[36..38]
      for (int i = 0; i < 15; i++) {
        assertThat(yr[i] - ya[i]).as("output %d", i).isCloseTo(token[36 + i % 3], within(1e-5f));
      }
    }
  }

  @org.junit.jupiter.params.ParameterizedTest(autoCloseArguments = false) // shared models
  @org.junit.jupiter.params.provider.MethodSource("models")
  void weightsShouldSurviveTheArtifactRoundTrip(MambaForecaster model, @TempDir Path dir)
      throws Exception {
    ModelManifest manifest =
        new ModelManifest(
            "mamba",
            ModelArtifacts.FORMAT_VERSION,
            model.id(),
            3,
            0.037,
            150,
            300,
            new ModelManifest.Embedding(4, 3),
            model.scaling().mean(),
            model.scaling().std(),
            new ModelManifest.TrainingSummary("system:lorenz63", 600, 480, 120, 0.9, 3, 0.0),
            Map.of(),
            model.config().toHyperparameters(),
            MambaForecaster.WEIGHTS,
            "test");
    ModelArtifacts.save(dir, manifest, model);
    try (LoadedModel loaded = ModelArtifacts.load(dir)) {
      assertThat(loaded.forecaster().forecast(contexts, 30))
          .isDeepEqualTo(model.forecast(contexts, 30));
    }
  }
}
