package io.chaoscast.jobs.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.jobs.config.JobConfig.ModelEntry;
import io.chaoscast.models.cli.TrainCommand;
import io.chaoscast.models.training.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLoaderTest {

  @TempDir Path dir;

  private Path trained() throws Exception {
    var o =
        TrainCommand.Options.defaults().with(600, 20, 10, Dataset.POINTS_PER_LYAPUNOV_TIME, false);
    return TrainCommand.train("lorenz63", "nvar", dir.resolve("nvar"), o).modelDir();
  }

  @Test
  void shouldCarryNameAndVersionDefaultingToTheManifestId() throws Exception {
    Path artifact = trained();
    var entry = new ModelEntry("lorenz", artifact.toString(), "cpu", null);
    try (LiveModel m = ModelLoader.load(entry, artifact.toString(), null, 20);
        LiveModel v = ModelLoader.load(entry, artifact.toString(), "v7", 20)) {
      assertThat(m.modelId()).isEqualTo("lorenz/" + m.forecaster().id());
      assertThat(v.modelId()).isEqualTo("lorenz/v7");
      assertThat(m.channels()).isEqualTo(3);
      assertThat(m.accepts(3)).isTrue();
      assertThat(m.accepts(2)).isFalse();
    }
  }

  @Test
  void shouldSayWhichSettingAShortContextViolates() throws Exception {
    Path artifact = trained();
    var entry = new ModelEntry("lorenz", artifact.toString(), "cpu", null);

    assertThat(ModelLoader.check(entry, artifact.toString(), 1))
        .contains("needs contexts of at least")
        .contains("forecast.context_length is 1");
    assertThat(ModelLoader.check(entry, artifact.toString(), 20)).isNull();
  }

  @Test
  void shouldRefuseAGpuForAModelThatRunsOnTheCpuOnlyAndABadManifest() throws Exception {
    Path artifact = trained();
    assertThat(
            ModelLoader.check(
                new ModelEntry("lorenz", artifact.toString(), "gpu", null),
                artifact.toString(),
                20))
        .contains("runs on the CPU only");
    Path broken = Files.createDirectories(dir.resolve("broken"));
    Files.writeString(broken.resolve("manifest.json"), "{not json");
    assertThat(
            ModelLoader.check(
                new ModelEntry("lorenz", broken.toString(), "cpu", null), broken.toString(), 20))
        .contains("unreadable manifest");
  }
}
