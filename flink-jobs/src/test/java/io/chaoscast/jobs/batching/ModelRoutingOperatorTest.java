package io.chaoscast.jobs.batching;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.schema.Forecast;
import io.chaoscast.jobs.config.JobConfig.ModelEntry;
import io.chaoscast.jobs.config.JobConfig.RouteRule;
import io.chaoscast.jobs.forecast.ForecastRequest;
import io.chaoscast.jobs.lifecycle.ModelAnnouncement;
import io.chaoscast.jobs.lifecycle.ModelRoot;
import io.chaoscast.jobs.lifecycle.ModelSetup;
import io.chaoscast.jobs.pipeline.SideOutputs;
import io.chaoscast.models.cli.TrainCommand;
import io.chaoscast.models.forecast.PersistenceForecaster;
import io.chaoscast.models.training.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routing, fallback, challengers and version swaps of the batching operator, with NVAR artifacts
 * trained by the project's own command.
 */
class ModelRoutingOperatorTest {

  private static final int CONTEXT = 20;
  private static final String PERSISTENCE = new PersistenceForecaster().id();

  @TempDir static Path dir;
  private static Path v1;
  private static Path v2;

  private TwoInputStreamOperatorTestHarness<ForecastRequest, ModelAnnouncement, Forecast> harness;

  @BeforeAll
  static void train() throws Exception {
    v1 =
        train(
            "v1",
            TrainCommand.Options.defaults()
                .with(600, CONTEXT, 10, Dataset.POINTS_PER_LYAPUNOV_TIME, false));
    v2 =
        train(
            "v2",
            TrainCommand.Options.defaults()
                .with(900, CONTEXT, 10, Dataset.POINTS_PER_LYAPUNOV_TIME, false));
  }

  private static Path train(String name, TrainCommand.Options o) throws Exception {
    return TrainCommand.train("lorenz63", "nvar", dir.resolve(name), o).modelDir();
  }

  private static ModelSetup setup(String challenger) {
    return new ModelSetup(
        Map.of("persistence", new PersistenceForecaster()),
        "persistence",
        List.of(new ModelEntry("lorenz", v1.toString(), "cpu", "v1")),
        List.of(new RouteRule("lorenz-.*", "lorenz", challenger)),
        CONTEXT,
        null,
        new ModelRoot(dir.toString()));
  }

  private void open(ModelSetup setup, OperatorSubtaskState restored) throws Exception {
    harness =
        new TwoInputStreamOperatorTestHarness<>(new BatchingForecastOperator(setup, 3, 64, 1_000));
    harness.setup();
    if (restored != null) harness.initializeState(restored);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    if (harness != null) harness.close();
  }

  private void request(String stream, long ts, int channels) throws Exception {
    double[][] context = new double[CONTEXT][channels];
    for (int i = 0; i < CONTEXT; i++)
      for (int c = 0; c < channels; c++) context[i][c] = Math.sin(0.1 * i + c);
    harness.processElement1(
        new StreamRecord<>(new ForecastRequest(stream, ts, 10, null, context, 1, null), ts));
  }

  private void flush() throws Exception {
    harness.prepareSnapshotPreBarrier(1);
  }

  private List<String> published() {
    return harness.extractOutputValues().stream().map(f -> f.stream() + "=" + f.modelId()).toList();
  }

  @Test
  void shouldRouteByStreamIdAndFallBackToTheDefaultWhenTheChannelsDoNotFit() throws Exception {
    open(setup(null), null);
    request("lorenz-a", 1, 3);
    request("lorenz-b", 2, 2);
    request("other", 3, 3);
    flush();

    assertThat(published())
        .containsExactlyInAnyOrder(
            "lorenz-a=lorenz/v1", "lorenz-b=" + PERSISTENCE, "other=" + PERSISTENCE);
  }

  @Test
  void shouldForecastWithTheChallengerTooButPublishOnlyTheChampion() throws Exception {
    open(setup("persistence"), null);
    request("lorenz-a", 1, 3);
    request("other", 2, 3);
    flush();

    assertThat(published()).containsExactlyInAnyOrder("lorenz-a=lorenz/v1", "other=" + PERSISTENCE);
    assertThat(harness.getSideOutput(SideOutputs.CHALLENGER_FORECASTS))
        .extracting(r -> r.getValue().stream() + "=" + r.getValue().modelId())
        .containsExactly("lorenz-a=" + PERSISTENCE);
  }

  @Test
  void shouldForecastPendingRequestsWithTheOldVersionBeforeSwapping() throws Exception {
    open(setup(null), null);
    request("lorenz-a", 1, 3);
    harness.processElement2(
        new StreamRecord<>(new ModelAnnouncement("lorenz", v2.toString(), "v2")));
    request("lorenz-a", 2, 3);
    flush();

    assertThat(published()).containsExactly("lorenz-a=lorenz/v1", "lorenz-a=lorenz/v2");
    assertThat(harness.extractOutputValues().get(0).values())
        .isNotEqualTo(harness.extractOutputValues().get(1).values());
  }

  @Test
  void shouldServeTheAnnouncedVersionAfterARestore() throws Exception {
    open(setup(null), null);
    harness.processElement2(
        new StreamRecord<>(new ModelAnnouncement("lorenz", v2.toString(), "v2")));
    OperatorSubtaskState snapshot = harness.snapshot(1, 1);
    harness.close();

    open(setup(null), snapshot);
    request("lorenz-a", 3, 3);
    flush();

    assertThat(published()).containsExactly("lorenz-a=lorenz/v2");
  }

  @Test
  void shouldKeepServingTheCurrentVersionWhenAnAnnouncedPathLeadsOutsideTheModelRoot(
      @TempDir Path outside) throws Exception {
    // As a restored announcement from an older job would be: never checked against this root.
    Path copy = Files.createDirectories(outside.resolve("v2"));
    try (var files = Files.list(v2)) {
      for (Path f : files.toList()) Files.copy(f, copy.resolve(f.getFileName()));
    }
    Path link = Files.createSymbolicLink(dir.resolve("link-to-outside"), copy);
    open(setup(null), null);
    harness.processElement2(
        new StreamRecord<>(new ModelAnnouncement("lorenz", copy.toString(), "v2")));
    harness.processElement2(
        new StreamRecord<>(new ModelAnnouncement("lorenz", link.toString(), "v2")));
    request("lorenz-a", 1, 3);
    flush();

    assertThat(published()).containsExactly("lorenz-a=lorenz/v1");
  }
}
