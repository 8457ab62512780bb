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

  static final MambaConfig CONFIG = new MambaConfig(3, 4, 3, 5, 16, 2, 2, 8, 4);
  static MambaForecaster model;
  static double[][][] contexts;

  @BeforeAll
  static void setUp() {
    Dataset data = Dataset.simulate("lorenz63", 600);
    io.chaoscast.models.metrics.Standardisation norm =
        io.chaoscast.models.metrics.Standardisation.fit(data.values());
    model = MambaForecaster.create(CONFIG, norm.mean(), norm.std(), 150, 3);
    contexts = new double[4][][];
    for (int b = 0; b < 4; b++)
      contexts[b] = Arrays.copyOfRange(data.values(), 100 * b, 100 * b + 150);
  }

  @AfterAll
  static void tearDown() {
    model.close();
  }

  @Test
  void stepByStepRecurrenceShouldEqualTheParallelScanOfTheWholeSequence() {
    MambaNetwork net = model.network();
    try (NDManager m = model.model().getNDManager().newSubManager()) {
      ParameterStore ps = new ParameterStore(m, false);
      NDArray tokens = m.randomNormal(new Shape(2, 12, CONFIG.tokens().tokenDim()));
      NDArray full = net.forward(ps, new NDList(tokens), false).singletonOrThrow();
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

  @Test
  void recurrentRolloutShouldEqualFullWindowRecomputationForEveryStep() {
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
  void weightsShouldSurviveTheArtifactRoundTrip(@TempDir Path dir) throws Exception {
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
            meanOf(),
            stdOf(),
            new ModelManifest.TrainingSummary("system:lorenz63", 600, 480, 120, 0.9, 3, 0.0),
            Map.of(),
            CONFIG.toHyperparameters(),
            MambaForecaster.WEIGHTS,
            "test");
    ModelArtifacts.save(dir, manifest, model);
    try (LoadedModel loaded = ModelArtifacts.load(dir)) {
      assertThat(loaded.forecaster().forecast(contexts, 30))
          .isDeepEqualTo(model.forecast(contexts, 30));
    }
  }

  private static double[] meanOf() {
    return model.scaling().mean();
  }

  private static double[] stdOf() {
    return model.scaling().std();
  }
}
