package io.chaoscast.jobs.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.chaoscast.models.cli.TrainCommand;
import io.chaoscast.models.ensemble.EnsembleForecaster;
import io.chaoscast.models.training.Dataset;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Mamba seed ensemble served as the job serves it: each member on the engine the device allows
 * (the Java engine here, no GPU), the forecast their mean.
 */
class ServedModelEnsembleTest {

  @TempDir static Path dir;
  static Path artifact;

  @BeforeAll
  static void trainATwoMemberMambaEnsemble() throws Exception {
    artifact = dir.resolve("ensemble");
    TrainCommand.train(
        "lorenz63",
        "mamba",
        artifact,
        TrainCommand.Options.defaults().withEpochs(1).withEnsemble(2));
  }

  @Test
  void eachMemberShouldRunOnItsEngineAndTheForecastShouldBeTheirMean() throws Exception {
    double[][] context = Arrays.copyOfRange(Dataset.simulate("lorenz63", 400).values(), 200, 350);
    try (ServedModel served = ServedModel.load("l63", artifact, "auto");
        ServedModel first = ServedModel.load("a", artifact.resolve("members/0"), "auto");
        ServedModel second = ServedModel.load("b", artifact.resolve("members/1"), "auto")) {
      assertThat(served.forecaster()).isInstanceOf(EnsembleForecaster.class);
      assertThat(served.backend()).startsWith("mean of 2: java (");
      assertThat(served.version()).startsWith("ensemble2-mamba");
      assertThat(served.channels()).isEqualTo(3);
      double[][] mean = served.forecaster().forecast(context, 20);
      double[][] a = first.forecaster().forecast(context, 20);
      double[][] b = second.forecaster().forecast(context, 20);
      for (int t = 0; t < 20; t++) {
        for (int c = 0; c < 3; c++) {
          assertThat(mean[t][c]).isCloseTo((a[t][c] + b[t][c]) / 2, within(1e-9));
        }
      }
      assertThat(a[19]).isNotEqualTo(b[19]);
    }
  }

  @Test
  void aGpuDemandShouldFailWithTheMembersReasonWhenThereIsNoGpu() {
    org.junit.jupiter.api.Assumptions.assumeFalse(
        io.chaoscast.models.mamba.cuda.CudaProbe.probe().available(), "a GPU is present");
    assertThatThrownBy(() -> ServedModel.load("l63", artifact, "gpu"))
        .hasMessageContaining("device=gpu requested");
  }
}
