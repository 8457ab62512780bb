package io.chaoscast.jobs.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.schema.DeadLetter;
import io.chaoscast.connectors.schema.DeadLetterReason;
import io.chaoscast.connectors.schema.SourceRecord;
import io.chaoscast.jobs.config.JobConfig.ModelEntry;
import io.chaoscast.jobs.pipeline.SideOutputs;
import io.chaoscast.jobs.testing.PipelineTestSupport;
import io.chaoscast.models.cli.TrainCommand;
import io.chaoscast.models.forecast.PersistenceForecaster;
import io.chaoscast.models.training.Dataset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Announcements may only name artifacts under model_root: paths are normalised and resolved with
 * their real paths first, so neither {@code ../}, an absolute path nor a symbolic link leads out.
 */
class ParseModelAnnouncementsTest {

  private static final int CONTEXT = 20;

  @TempDir static Path base;
  private static Path root;
  private static Path outside;

  @BeforeAll
  static void train() throws Exception {
    root = Files.createDirectories(base.resolve("models"));
    var o =
        TrainCommand.Options.defaults()
            .with(600, CONTEXT, 10, Dataset.POINTS_PER_LYAPUNOV_TIME, false);
    TrainCommand.train("lorenz63", "nvar", root.resolve("v1"), o);
    // A valid artifact, so only its place can be the reason it is refused.
    outside = TrainCommand.train("lorenz63", "nvar", base.resolve("outside"), o).modelDir();
    Files.createSymbolicLink(root.resolve("link"), outside);
  }

  @Test
  void shouldPassOnTheRealPathOfAnArtifactNamedRelativeToTheRoot() throws Exception {
    var harness = harness(root.toString());
    harness.processElement(announcement("v1"), 0);

    assertThat(harness.extractOutputValues())
        .containsExactly(
            new ModelAnnouncement("lorenz", root.resolve("v1").toRealPath().toString(), "v2"));
    assertThat(deadLetters(harness)).isEmpty();
  }

  @Test
  void shouldDeadLetterAPathThatClimbsOutOfTheRoot() throws Exception {
    var harness = harness(root.toString());
    harness.processElement(announcement("../outside"), 0);
    harness.processElement(announcement(root + "/v1/../../outside"), 0);

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(deadLetters(harness))
        .hasSize(2)
        .allSatisfy(d -> assertThat(d.reason()).isEqualTo(DeadLetterReason.INVALID_FIELD))
        .allSatisfy(
            d ->
                assertThat(d.message())
                    .startsWith("model \"lorenz\": path '")
                    .contains("is outside " + root));
  }

  @Test
  void shouldDeadLetterAnAbsolutePathOutsideTheRoot() throws Exception {
    var harness = harness(root.toString());
    harness.processElement(announcement(outside.toString()), 0);

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(deadLetters(harness))
        .singleElement()
        .satisfies(d -> assertThat(d.message()).contains("is outside " + root));
  }

  @Test
  void shouldDeadLetterASymbolicLinkUnderTheRootThatLeadsOutside() throws Exception {
    var harness = harness(root.toString());
    harness.processElement(announcement("link"), 0);
    harness.processElement(announcement(root.resolve("link").toString()), 0);

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(deadLetters(harness))
        .hasSize(2)
        .allSatisfy(
            d ->
                assertThat(d.message())
                    .contains("leads through a symbolic link to " + outside.toRealPath()));
  }

  @Test
  void shouldDeadLetterEveryAnnouncementWhenNoRootIsConfigured() throws Exception {
    var harness = harness(null);
    harness.processElement(announcement(root.resolve("v1").toString()), 0);

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(deadLetters(harness))
        .singleElement()
        .satisfies(d -> assertThat(d.message()).contains("model_root is not configured"));
  }

  @Test
  void shouldBoundTheLengthOfAnAbsurdPathInTheReason() throws Exception {
    var harness = harness(root.toString());
    harness.processElement(announcement("../" + "x".repeat(10_000)), 0);

    assertThat(deadLetters(harness))
        .singleElement()
        .satisfies(d -> assertThat(d.message()).hasSizeLessThan(400));
  }

  private static OneInputStreamOperatorTestHarness<SourceRecord, ModelAnnouncement> harness(
      String modelRoot) throws Exception {
    var setup =
        new ModelSetup(
            Map.of("persistence", new PersistenceForecaster()),
            "persistence",
            List.of(new ModelEntry("lorenz", root.resolve("v1").toString(), "cpu", "v1")),
            List.of(),
            CONTEXT,
            null,
            new ModelRoot(modelRoot));
    return ProcessFunctionTestHarnesses.forProcessFunction(new ParseModelAnnouncements(setup));
  }

  private static SourceRecord announcement(String path) {
    String json =
        "{\"name\": \"lorenz\", \"path\": \"%s\", \"version\": \"v2\"}"
            .formatted(path.replace("\\", "\\\\"));
    return new SourceRecord("models", 0, 0, 0, null, json.getBytes(StandardCharsets.UTF_8));
  }

  private static List<DeadLetter> deadLetters(
      OneInputStreamOperatorTestHarness<SourceRecord, ModelAnnouncement> harness) {
    return PipelineTestSupport.sideOutput(harness, SideOutputs.DEAD_LETTERS);
  }
}
