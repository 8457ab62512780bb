package io.chaoscast.models.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chaoscast.models.cli.TrainCommand;
import io.chaoscast.models.training.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArtifactsTest {

  @TempDir static Path dir;
  static Path model;
  static Dataset lorenz;

  @BeforeAll
  static void trainNvar() throws Exception {
    lorenz = Dataset.simulate("lorenz63", 1000);
    model = dir.resolve("nvar");
    TrainCommand.train(lorenz, "nvar", model, TrainCommand.Options.defaults());
  }

  @Test
  void shouldRoundTripManifestAndGiveIdenticalForecasts() throws Exception {
    double[][] context = java.util.Arrays.copyOfRange(lorenz.values(), 500, 650);
    try (LoadedModel a = ModelArtifacts.load(model);
        LoadedModel b = ModelArtifacts.load(model, 3)) {
      assertThat(a.manifest().type()).isEqualTo("nvar");
      assertThat(a.manifest().channels()).isEqualTo(3);
      assertThat(a.manifest().contextLength()).isEqualTo(150);
      assertThat(a.manifest().sampleIntervalSeconds())
          .isCloseTo(lorenz.dt(), org.assertj.core.data.Offset.offset(1e-12));
      assertThat(a.manifest().validationMetrics()).containsKey("vpt_lyapunov");
      assertThat(a.manifest().command()).contains("--model nvar");
      assertThat(a.forecaster().forecast(context, 50))
          .isDeepEqualTo(b.forecaster().forecast(context, 50));
    }
  }

  @Test
  void shouldRefuseAnUnknownType() throws Exception {
    Path bad = copyWith("type", "transformer");
    assertThatThrownBy(() -> ModelArtifacts.load(bad))
        .isInstanceOf(InvalidArtifactException.class)
        .hasMessageContaining("unknown model type 'transformer'");
  }

  @Test
  void shouldRefuseAFormatVersionNewerThanTheCode() throws Exception {
    Path bad = copyWith("formatVersion", ModelArtifacts.FORMAT_VERSION + 1);
    assertThatThrownBy(() -> ModelArtifacts.load(bad))
        .isInstanceOf(InvalidArtifactException.class)
        .hasMessageContaining("newer than this code");
  }

  @Test
  void shouldRefuseDataWithTheWrongChannelCount() {
    assertThatThrownBy(() -> ModelArtifacts.load(model, 4))
        .isInstanceOf(InvalidArtifactException.class)
        .hasMessageContaining("expects 3 channels, the data has 4");
  }

  @Test
  void shouldRefuseAManifestWhoseChannelCountDisagreesWithTheNormalisation() throws Exception {
    Path bad = copyWith("channels", 2);
    assertThatThrownBy(() -> ModelArtifacts.load(bad))
        .isInstanceOf(InvalidArtifactException.class)
        .hasMessageContaining("channel count 2 disagrees");
  }

  @Test
  void shouldRefuseMissingWeights() throws Exception {
    Path bad = copyWith("type", "nvar");
    Files.delete(bad.resolve("weights.json"));
    assertThatThrownBy(() -> ModelArtifacts.load(bad))
        .isInstanceOf(InvalidArtifactException.class)
        .hasMessageContaining("weights file 'weights.json'")
        .hasMessageContaining("missing");
  }

  @Test
  void shouldRefuseADirectoryWithoutManifest() {
    assertThatThrownBy(() -> ModelArtifacts.load(dir.resolve("nothing-here")))
        .isInstanceOf(InvalidArtifactException.class)
        .hasMessageContaining("no manifest.json");
  }

  @Test
  void shouldRefuseAWeightsFileThatClimbsOutOfTheArtifact() throws Exception {
    Path bad = copyWith("weightsFile", "../outside-weights.json");
    Files.copy(model.resolve("weights.json"), bad.resolveSibling("outside-weights.json"));
    assertThatThrownBy(() -> ModelArtifacts.load(bad))
        .isInstanceOf(InvalidArtifactException.class)
        .hasMessageContaining("weights file '../outside-weights.json'")
        .hasMessageContaining("is outside");
  }

  @Test
  void shouldRefuseAnAbsoluteWeightsFileOutsideTheArtifact() throws Exception {
    Path elsewhere = Files.createTempDirectory(dir, "elsewhere").resolve("weights.json");
    Files.copy(model.resolve("weights.json"), elsewhere);
    Path bad = copyWith("weightsFile", elsewhere.toString());
    assertThatThrownBy(() -> ModelArtifacts.load(bad))
        .isInstanceOf(InvalidArtifactException.class)
        .hasMessageContaining("is outside");
  }

  @Test
  void shouldRefuseAWeightsFileThatIsASymbolicLinkOutOfTheArtifact() throws Exception {
    Path elsewhere = Files.createTempDirectory(dir, "elsewhere").resolve("weights.json");
    Files.copy(model.resolve("weights.json"), elsewhere);
    Path bad = copyWith("weightsFile", "weights.json");
    Files.delete(bad.resolve("weights.json"));
    Files.createSymbolicLink(bad.resolve("weights.json"), elsewhere);
    assertThatThrownBy(() -> ModelArtifacts.load(bad))
        .isInstanceOf(InvalidArtifactException.class)
        .hasMessageContaining("symbolic link")
        .hasMessageContaining("outside");
  }

  @Test
  void shouldRefuseAManifestThatIsASymbolicLinkOutOfTheArtifact() throws Exception {
    Path elsewhere = Files.createTempDirectory(dir, "elsewhere");
    Files.copy(model.resolve("manifest.json"), elsewhere.resolve("manifest.json"));
    Path bad = Files.createTempDirectory(dir, "linked");
    Files.copy(model.resolve("weights.json"), bad.resolve("weights.json"));
    Files.createSymbolicLink(bad.resolve("manifest.json"), elsewhere.resolve("manifest.json"));
    assertThatThrownBy(() -> ModelArtifacts.load(bad))
        .isInstanceOf(InvalidArtifactException.class)
        .hasMessageContaining("manifest.json leads through a symbolic link");
  }

  @Test
  void shouldLoadAnArtifactReachedThroughALinkedDirectoryWithLinksInsideIt() throws Exception {
    Path copy = copyWith("weightsFile", "linked-weights.json");
    Files.createSymbolicLink(copy.resolve("linked-weights.json"), copy.resolve("weights.json"));
    Path link = Files.createSymbolicLink(dir.resolve("link-" + copy.getFileName()), copy);
    try (LoadedModel m = ModelArtifacts.load(link)) {
      assertThat(m.manifest().weightsFile()).isEqualTo("linked-weights.json");
    }
  }

  private static Path copyWith(String field, Object value) throws Exception {
    Path copy = Files.createTempDirectory(dir, "bad");
    Files.copy(model.resolve("weights.json"), copy.resolve("weights.json"));
    ObjectMapper m = new ObjectMapper();
    ObjectNode node = (ObjectNode) m.readTree(model.resolve("manifest.json").toFile());
    node.set(field, m.valueToTree(value));
    m.writeValue(copy.resolve("manifest.json").toFile(), node);
    return copy;
  }
}
