package io.chaoscast.models.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoscast.models.artifact.InvalidArtifactException;
import io.chaoscast.models.artifact.LoadedModel;
import io.chaoscast.models.artifact.ModelArtifacts;
import io.chaoscast.models.mamba.MambaForecaster;
import io.chaoscast.models.mamba.f32.NvarResidual;
import io.chaoscast.models.training.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --model phyxmamba} (the NVAR residual is the command line's default) end to end on
 * Lorenz63: both stages learn the NVAR's residual, the artifact carries the base, and a loaded
 * model forecasts with it.
 */
class TrainNvarResidualTest {

  @Test
  void aPhyxmambaShouldLearnTheNvarsResidualAndItsArtifactShouldCarryTheBase(@TempDir Path dir)
      throws Exception {
    Dataset lorenz = Dataset.simulate("lorenz63", 1000);
    TrainResult t =
        TrainCommand.train(
            lorenz,
            "phyxmamba",
            dir,
            TrainCommand.Options.defaults().withEpochs(2).withNvarResidual(true));
    var hp = t.manifest().hyperparameters();
    assertThat(hp)
        .containsEntry(MambaForecaster.NVAR_RESIDUAL, true)
        .containsEntry("input_noise", 0.0)
        .containsEntry("recipe", "phyxmamba");
    assertThat((String) hp.get("nvar_residual_choice")).contains("reaches");
    assertThat(t.manifest().command()).as("the command line's default").doesNotContain("nvar");
    assertThat(dir.resolve(NvarResidual.FILE)).exists();
    // the decoder starts at zero, so two short epochs keep the model near the NVAR, which holds
    // Lorenz63 for about 3 Lyapunov times on validation; a plain Mamba this short reaches far less
    assertThat(t.manifest().validationMetrics().get("vpt_lyapunov")).isGreaterThan(2.0);

    double[][][] contexts = {lorenz.slice(700, 850).values()};
    try (LoadedModel loaded = ModelArtifacts.load(dir)) {
      double[][] forecast = loaded.forecaster().forecast(contexts, 60)[0];
      double[] truth = lorenz.values()[850];
      assertThat(Math.abs(forecast[0][0] - truth[0])).isLessThan(1.0);
    }

    Files.delete(dir.resolve(NvarResidual.FILE));
    assertThatThrownBy(() -> ModelArtifacts.load(dir))
        .isInstanceOf(InvalidArtifactException.class)
        .hasMessageContaining(NvarResidual.FILE);
  }
}
