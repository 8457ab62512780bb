package io.chaoscast.models.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.models.training.Dataset;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command a manifest records reproduces the options that differ from train's defaults. */
class TrainCommandTest {

  private static final List<Dataset> LORENZ = List.of(Dataset.simulate("lorenz63", 50));

  @Test
  void defaultsShouldGiveACommandWithoutMambaRecipeFlags() {
    String c =
        TrainCommand.command(LORENZ, "mamba", TrainCommand.Options.defaults(), Path.of("out"));
    assertThat(c)
        .startsWith("./forecaster train --system lorenz63 --model mamba")
        .doesNotContain("--residual-output")
        .doesNotContain("--lr-schedule");
  }

  @Test
  void residualOutputAndAFixedStepShouldBeInTheCommand() {
    var options = TrainCommand.Options.defaults().withMambaRecipe(true, false);
    String c = TrainCommand.command(LORENZ, "mamba", options, Path.of("out"));
    assertThat(c).contains(" --residual-output --lr-schedule fixed --out out");
  }

  @Test
  void theNvarResidualShouldBeInTheCommand() {
    var options = TrainCommand.Options.defaults().withNvarResidual(true);
    String c = TrainCommand.command(LORENZ, "mamba", options, Path.of("out"));
    assertThat(c).contains(" --nvar-residual --out out");
  }
}
