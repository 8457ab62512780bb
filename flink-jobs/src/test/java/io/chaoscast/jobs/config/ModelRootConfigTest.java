package io.chaoscast.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoscast.models.cli.TrainCommand;
import io.chaoscast.models.training.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** model_root: required with a models topic, and configured artifacts must lie under it. */
class ModelRootConfigTest {

  @TempDir static Path base;
  private static Path root;
  private static Path artifact;
  private static Path outside;

  private final JobConfigLoader loader = new JobConfigLoader();

  @BeforeAll
  static void train() throws Exception {
    root = Files.createDirectories(base.resolve("models"));
    var o =
        TrainCommand.Options.defaults().with(600, 200, 10, Dataset.POINTS_PER_LYAPUNOV_TIME, false);
    artifact = TrainCommand.train("lorenz63", "nvar", root.resolve("v1"), o).modelDir();
    outside = TrainCommand.train("lorenz63", "nvar", base.resolve("outside"), o).modelDir();
    Files.createSymbolicLink(root.resolve("link"), outside);
  }

  @Test
  void shouldAcceptAModelsTopicWithARootHoldingTheConfiguredArtifacts() {
    JobConfig c = loader.parse(yaml(root, artifact), "job.yaml");

    assertThat(c.modelRoot()).isEqualTo(root.toString());
  }

  @Test
  void shouldRefuseAModelsTopicWithoutARoot() {
    assertThatThrownBy(() -> loader.parse(yaml(null, artifact), "job.yaml"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("model_root must be set when topics.models is set");
  }

  @Test
  void shouldNameTheKeyOfAConfiguredModelOutsideTheRoot() {
    assertThatThrownBy(() -> loader.parse(yaml(root, outside), "job.yaml"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("models[0].path '" + outside + "' is outside " + root)
        .hasMessageContaining("(model_root)");
  }

  @Test
  void shouldFollowSymbolicLinksOfConfiguredModels() {
    assertThatThrownBy(() -> loader.parse(yaml(root, root.resolve("link")), "job.yaml"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining(
            "models[0].path '" + root.resolve("link") + "' leads through a symbolic link");
  }

  @Test
  void shouldRefuseARootThatIsNoDirectory() {
    assertThatThrownBy(() -> loader.parse(yaml(base.resolve("none"), artifact), "job.yaml"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("model_root '" + base.resolve("none") + "' is not a directory");
  }

  private static String yaml(Path modelRoot, Path model) {
    return """
        kafka: {bootstrap_servers: b:9092}
        topics: {models: models}
        %s
        models: [{name: lorenz, path: "%s", device: cpu}]
        """
        .formatted(
            modelRoot == null ? "" : "model_root: \"" + modelRoot + "\"",
            model.toString().replace("\\", "\\\\"));
  }
}
