package io.chaoscast.models.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.models.training.Dataset;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The command a manifest records reproduces the options that differ from the command line's
 * defaults.
 */
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
  void theCommandShouldSayNoNvarResidualOnlyWhereTheCommandLineWouldTurnItOn() {
    var on = TrainCommand.Options.defaults().withNvarResidual(true);
    var off = TrainCommand.Options.defaults();
    assertThat(TrainCommand.command(LORENZ, "mamba", on, Path.of("out")))
        .doesNotContain("nvar-residual");
    assertThat(TrainCommand.command(LORENZ, "phyxmamba", off, Path.of("out")))
        .contains(" --no-nvar-residual --out out");
    assertThat(TrainCommand.command(LORENZ, "esn", off, Path.of("out")))
        .doesNotContain("nvar-residual");
    assertThat(
            TrainCommand.command(LORENZ, "mamba", off.withMambaRecipe(true, true), Path.of("out")))
        .doesNotContain("nvar-residual");
  }

  @Test
  void theCommandLineShouldTurnTheNvarResidualOnForAbsoluteOutputMambasUnlessTold() {
    assertThat(TrainCommand.nvarResidual(null, "mamba", false)).isTrue();
    assertThat(TrainCommand.nvarResidual(null, "PhyxMamba", false)).isTrue();
    assertThat(TrainCommand.nvarResidual(null, "mamba", true)).isFalse();
    assertThat(TrainCommand.nvarResidual(null, "esn", false)).isFalse();
    assertThat(TrainCommand.nvarResidual(false, "mamba", false)).isFalse();
    assertThat(TrainCommand.nvarResidual(true, "esn", false)).isTrue();
  }
}
