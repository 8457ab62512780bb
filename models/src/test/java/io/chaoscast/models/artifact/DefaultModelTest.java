package io.chaoscast.models.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.models.catalog.CatalogEntry;
import io.chaoscast.models.catalog.SystemCatalog;
import io.chaoscast.models.evaluation.EvaluationResult;
import io.chaoscast.models.evaluation.ForecastEvaluation;
import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.forecast.PersistenceForecaster;
import io.chaoscast.models.integrate.Propagator;
import io.chaoscast.models.integrate.TrajectorySampler;
import io.chaoscast.models.mamba.cuda.MambaEngines;
import io.chaoscast.models.mamba.f32.Scaling;
import io.chaoscast.models.metrics.Standardisation;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed default model ({@code models/default}, see docs/forecasting.md for the command that
 * trained it) loads through both paths the service uses and forecasts a Lorenz63 trajectory it was
 * not trained on, at the demo's sampling, better than persistence.
 */
class DefaultModelTest {

  static final Path DIR = Path.of("default");
  static final int CONTEXT = 200;
  static final int HORIZON = 20;

  @Test
  void shouldLoadThroughDjlAndTheJavaEngineAndBeatPersistenceOnAHeldOutLorenzTrajectory()
      throws Exception {
    ModelManifest m = ModelArtifacts.readManifest(DIR);
    assertThat(m.type()).isEqualTo("mamba");
    assertThat(m.channels()).isEqualTo(3);
    assertThat(m.contextLength()).isEqualTo(CONTEXT);
    assertThat(m.hyperparameters()).containsEntry("normalisation", Scaling.PER_CONTEXT);
    assertThat(m.command()).contains("forecaster train");
    long bytes;
    try (var files = Files.list(DIR)) {
      bytes = files.mapToLong(p -> p.toFile().length()).sum();
    }
    assertThat(bytes).isLessThan(4L << 20);

    // held out: another initial condition than the catalogue's, at the demo's 0.01 s sampling
    CatalogEntry lorenz = SystemCatalog.standard().get("lorenz63");
    Propagator p = lorenz.accuratePropagator();
    double[] start = p.initialState();
    start[0] += 3.1;
    start[2] -= 2.4;
    double dt = 0.01;
    double[][] series =
        TrajectorySampler.sample(p, start, 2000, dt, lorenz.transientTime()).values();
    Standardisation norm = Standardisation.fit(series);
    double lambda = lorenz.reference().maximumLyapunov();

    EvaluationResult persistence =
        ForecastEvaluation.evaluate(
            new PersistenceForecaster(), series, norm, CONTEXT, HORIZON, 20, dt, lambda);
    try (LoadedModel djl = ModelArtifacts.load(DIR, 3);
        MambaEngines.Selection java = MambaEngines.select("cpu", DIR)) {
      for (Forecaster f : new Forecaster[] {djl.forecaster(), java.engine()}) {
        EvaluationResult r =
            ForecastEvaluation.evaluate(f, series, norm, CONTEXT, HORIZON, 20, dt, lambda);
        System.err.printf(
            "%s: VPT %.1f steps (persistence %.1f)%n",
            f.id(), r.vptSteps(), persistence.vptSteps());
        assertThat(r.vptSteps()).as(f.id()).isGreaterThan(persistence.vptSteps());
      }
    }
  }

  @Test
  void evalShouldTakeAnyOfItsSystemsAtItsDensityAndRefuseAnotherDensity() {
    // trained at 120 samples per Lyapunov time on four systems, each at its own dt
    var rossler = io.chaoscast.models.training.Dataset.simulate("rossler", 800, 120);
    EvaluationResult r = io.chaoscast.models.cli.EvalCommand.eval(DIR, rossler, 20, 5);
    assertThat(r.vptSteps()).isFinite();
    var coarse = io.chaoscast.models.training.Dataset.simulate("rossler", 800, 30);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> io.chaoscast.models.cli.EvalCommand.eval(DIR, coarse, 20, 5))
        .hasMessageContaining("30 samples per Lyapunov time")
        .hasMessageContaining("trained at 120");
  }
}
