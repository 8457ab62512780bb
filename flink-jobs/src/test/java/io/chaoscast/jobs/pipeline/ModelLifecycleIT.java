package io.chaoscast.jobs.pipeline;

import static io.chaoscast.jobs.testing.PipelineTestSupport.observation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chaoscast.connectors.kafka.DeadLetterSerializer;
import io.chaoscast.connectors.synthetic.FlowSignal;
import io.chaoscast.connectors.testing.KafkaFixture;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.forecast.Forecasters;
import io.chaoscast.jobs.testing.PipelineTestSupport;
import io.chaoscast.jobs.testing.PipelineTestSupport.TestTopics;
import io.chaoscast.loadtest.PrometheusScrape;
import io.chaoscast.models.artifact.ModelArtifacts;
import io.chaoscast.models.cli.TrainCommand;
import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.systems.Lorenz63;
import io.chaoscast.models.training.Dataset;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model version swap through the models control topic, mid-stream, with a failure and a restore
 * after it, on the real broker: every committed forecast comes from exactly one version (its values
 * are that version's forecast of its context), no forecast is lost or duplicated, forecasts
 * committed before the announcement are the old version's, and after the restore the new version is
 * still served although its announcement is not read again (it came back from broadcast state).
 * Announcements of valid artifacts outside model_root (by absolute path, and by a symbolic link
 * under the root) are dead-lettered and the job keeps serving.
 */
class ModelLifecycleIT {

  private static final int CONTEXT = 60;
  private static final int HORIZON = 5;
  private static final List<String> LORENZ = List.of("lorenz-0", "lorenz-1", "lorenz-2");

  /** Matches the routing rule but has two channels: falls back to the default baseline. */
  private static final String NARROW = "lorenz-narrow";

  @TempDir Path dir;

  private final Map<String, FlowSignal> signals = new LinkedHashMap<>();
  private final Map<String, List<double[]>> sent = new HashMap<>();
  private long t0;

  @Test
  void shouldAttributeEveryForecastToOneVersionAcrossASwapAndARestore() throws Exception {
    Path v1 = train("v1", 800);
    Path v2 = train("v2", 1600);
    Path outside = copy(v2, dir.resolve("outside"));
    Path link = Files.createSymbolicLink(dir.resolve("models").resolve("link"), outside);
    Path markers = Files.createDirectories(dir.resolve("markers"));
    for (int i = 0; i < LORENZ.size(); i++) {
      signals.put(LORENZ.get(i), new FlowSignal(Lorenz63.classic(), 0.01, 11 + i, 5.0));
    }
    t0 = System.currentTimeMillis() - 60_000;

    try (KafkaFixture kafka = KafkaFixture.start()) {
      TestTopics topics = TestTopics.create(kafka, 2);
      String modelsTopic = "models-" + UUID.randomUUID().toString().substring(0, 8);
      kafka.createTopics(1, modelsTopic);
      JobConfig config = config(kafka, topics, modelsTopic, v1);
      // Flink's Prometheus reporter: the test waits on the job's model_swaps counter.
      int metricsPort;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        metricsPort = s.getLocalPort();
      }
      var env =
          PipelineTestSupport.environment(2, PipelineTestSupport.prometheusReporter(metricsPort));
      var job = ForecastingJob.fromConfig(config, parsed -> parsed.map(new FailOnMarker(markers)));
      job.configure(env);
      job.build(env);
      JobClient client = env.executeAsync(ForecastingJob.JOB_NAME);
      try {
        produce(kafka, topics.observations(), 0, 150);
        // Released by the watermark so far: issued at samples 59, 69, ..., 139.
        List<Committed> beforeSwap = awaitForecasts(kafka, topics.forecasts(), 4 * 9, f -> true);
        assertThat(beforeSwap)
            .filteredOn(f -> LORENZ.contains(f.stream()))
            .extracting(Committed::modelId)
            .containsOnly("lorenz/v1");

        kafka.produce(
            modelsTopic,
            List.of(
                announcement(modelsTopic, "not json"),
                announcement(
                    modelsTopic, "{\"name\": \"sine\", \"path\": \"/x\", \"version\": \"1\"}"),
                announcement(modelsTopic, lorenz(outside, "v3")),
                announcement(modelsTopic, lorenz(link, "v3")),
                announcement(modelsTopic, lorenz(v2, "v2"))));
        // The announcement and the observations reach batch inference by different inputs, in no
        // fixed order: had the observations below all been forecast before v2 was loaded, no v2
        // forecast would follow. So they are sent once every batch-inference subtask has loaded
        // v2 (the only announcement that passes the check; model_swaps counts each load).
        awaitModelSwaps(metricsPort, 2);
        produce(kafka, topics.observations(), 150, 250);
        awaitForecasts(kafka, topics.forecasts(), 1, f -> f.modelId().equals("lorenz/v2"));

        Files.createFile(markers.resolve("fail-now"));
        produce(kafka, topics.observations(), 250, 400);
        int expected = 4 * ((389 - 59) / 10 + 1);
        List<Committed> all =
            awaitForecasts(
                kafka, topics.forecasts(), expected, f -> index(f.issuedAtMillis()) <= 389);

        assertThat(Files.exists(markers.resolve("failed"))).as("the injected failure").isTrue();
        assertThat(all.stream().map(Committed::key).toList()).doesNotHaveDuplicates();
        Set<String> keys = new HashSet<>();
        for (String s : sent.keySet())
          for (int i = 59; i <= 389; i += 10) keys.add(s + "@" + (t0 + 10L * i));
        assertThat(all.stream().filter(f -> index(f.issuedAtMillis()) <= 389).map(Committed::key))
            .containsExactlyInAnyOrderElementsOf(keys);

        Map<String, Forecaster> versions = new HashMap<>();
        versions.put("lorenz/v1", ModelArtifacts.load(v1).forecaster());
        versions.put("lorenz/v2", ModelArtifacts.load(v2).forecaster());
        Forecaster baseline = Forecasters.fromSettings(config.forecast());
        versions.put(baseline.id(), baseline);
        for (Committed f : all) {
          Forecaster model = versions.get(f.modelId());
          assertThat(model).as("model of %s", f).isNotNull();
          double[][] expectedValues = model.forecast(context(f), HORIZON);
          for (int k = 0; k < HORIZON; k++)
            for (int c = 0; c < expectedValues[k].length; c++)
              assertThat(f.values()[k][c])
                  .as("%s step %d channel %d", f.key(), k, c)
                  .isCloseTo(
                      expectedValues[k][c], within(1e-9 * (1 + Math.abs(expectedValues[k][c]))));
        }
        for (String s : LORENZ) {
          List<String> ids =
              all.stream()
                  .filter(f -> f.stream().equals(s))
                  .sorted((a, b) -> Long.compare(a.issuedAtMillis(), b.issuedAtMillis()))
                  .map(Committed::modelId)
                  .toList();
          int firstV2 = ids.indexOf("lorenz/v2");
          assertThat(firstV2).as("%s switched", s).isPositive();
          assertThat(ids.subList(0, firstV2)).containsOnly("lorenz/v1");
          assertThat(ids.subList(firstV2, ids.size()))
              .as("%s stays on v2", s)
              .containsOnly("lorenz/v2");
        }
        assertThat(all)
            .filteredOn(f -> f.stream().equals(NARROW))
            .extracting(Committed::modelId)
            .containsOnly(baseline.id());

        var dlq =
            kafka.readCommitted(
                topics.deadLetters(), 4, Duration.ofSeconds(1), Duration.ofSeconds(30));
        assertThat(dlq)
            .extracting(r -> header(r, DeadLetterSerializer.REASON_HEADER))
            .containsExactlyInAnyOrder(
                "malformed_json", "invalid_field", "invalid_field", "invalid_field");
        assertThat(dlq)
            .extracting(r -> header(r, DeadLetterSerializer.MESSAGE_HEADER))
            .anySatisfy(m -> assertThat(m).contains("path '" + outside + "' is outside"))
            .anySatisfy(
                m -> assertThat(m).contains("path '" + link + "' leads through a symbolic link"));
      } finally {
        client.cancel().get(30, TimeUnit.SECONDS);
      }
    }
  }

  private Path train(String name, int points) throws Exception {
    var options =
        TrainCommand.Options.defaults()
            .with(points, CONTEXT, 20, Dataset.POINTS_PER_LYAPUNOV_TIME, false);
    return TrainCommand.train("lorenz63", "nvar", dir.resolve("models").resolve(name), options)
        .modelDir();
  }

  private static Path copy(Path artifact, Path to) throws Exception {
    Files.createDirectories(to);
    try (var files = Files.list(artifact)) {
      for (Path f : files.toList()) Files.copy(f, to.resolve(f.getFileName()));
    }
    return to;
  }

  private static String lorenz(Path path, String version) {
    return "{\"name\": \"lorenz\", \"path\": \"%s\", \"version\": \"%s\"}"
        .formatted(path.toString().replace("\\", "\\\\"), version);
  }

  private static String header(
      org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private JobConfig config(KafkaFixture kafka, TestTopics t, String modelsTopic, Path v1) {
    JobConfig c =
        PipelineTestSupport.config(
            kafka,
            t,
            2,
            false,
            """
            model_root: "%s"
            models: [{name: lorenz, path: "%s", device: cpu, version: v1}]
            routing: [{match: "lorenz-[0-9a-z]+", model: lorenz}]
            """
                .formatted(
                    dir.resolve("models").toString().replace("\\", "\\\\"),
                    v1.toString().replace("\\", "\\\\")));
    var topics = c.topics();
    return c.withTopics(
        new JobConfig.TopicNames(
            topics.observations(),
            topics.forecasts(),
            topics.alerts(),
            topics.deadLetters(),
            topics.skill(),
            modelsTopic));
  }

  /** Samples [from, to) of every stream; the narrow stream is a noisy 2-channel oscillation. */
  private void produce(KafkaFixture kafka, String topic, int from, int to) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = from; i < to; i++) {
      long ts = t0 + 10L * i;
      for (var e : signals.entrySet()) {
        double[] v = e.getValue().next();
        sent.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(v);
        records.add(PipelineTestSupport.record(topic, e.getKey(), observation(e.getKey(), ts, v)));
      }
      double[] narrow = {Math.sin(0.3 * i), Math.cos(0.17 * i) + 0.01 * (i % 7)};
      sent.computeIfAbsent(NARROW, k -> new ArrayList<>()).add(narrow);
      records.add(PipelineTestSupport.record(topic, NARROW, observation(NARROW, ts, narrow)));
    }
    kafka.produce(topic, records);
  }

  private static ProducerRecord<byte[], byte[]> announcement(String topic, String json) {
    return new ProducerRecord<>(
        topic, null, System.currentTimeMillis(), null, json.getBytes(StandardCharsets.UTF_8));
  }

  private int index(long issuedAtMillis) {
    return (int) ((issuedAtMillis - t0) / 10);
  }

  private double[][] context(Committed f) {
    int last = index(f.issuedAtMillis());
    return sent.get(f.stream()).subList(last - CONTEXT + 1, last + 1).toArray(new double[0][]);
  }

  record Committed(String stream, long issuedAtMillis, String modelId, double[][] values) {
    String key() {
      return stream + "@" + issuedAtMillis;
    }
  }

  /** Waits until the batch-inference subtasks together loaded {@code swaps} announced versions. */
  private static void awaitModelSwaps(int metricsPort, int swaps) throws InterruptedException {
    String metric = "flink_taskmanager_job_task_operator_chaoscast_model_swaps";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    double seen = 0;
    while (System.nanoTime() < deadline) {
      try {
        seen = PrometheusScrape.of(metricsPort).sum(metric);
        if (seen >= swaps) return;
      } catch (IOException notYet) {
        // the reporter is not serving yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError(metric + " stayed at " + seen + ", expected " + swaps);
  }

  /** Reads the committed forecasts until at least {@code atLeast} pass {@code filter}. */
  private static List<Committed> awaitForecasts(
      KafkaFixture kafka,
      String topic,
      int atLeast,
      java.util.function.Predicate<Committed> filter) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (true) {
      List<Committed> all =
          kafka.readCommitted(topic, 1, Duration.ofSeconds(1), Duration.ofSeconds(10)).stream()
              .map(
                  r -> {
                    var json = PipelineTestSupport.json(r.value());
                    double[][] values = new double[json.get("values").size()][];
                    for (int k = 0; k < values.length; k++) {
                      var row = json.get("values").get(k);
                      values[k] = new double[row.size()];
                      for (int c = 0; c < row.size(); c++) values[k][c] = row.get(c).asDouble();
                    }
                    return new Committed(
                        json.get("stream").asText(),
                        json.get("issued_at_millis").asLong(),
                        json.get("model_id").asText(),
                        values);
                  })
              .toList();
      if (all.stream().filter(filter).count() >= atLeast) return all;
      assertThat(System.nanoTime()).as("forecasts committed in time").isLessThan(deadline);
    }
  }

  /** Fails the first attempt once the test has asked for it; restarts do not fail. */
  static final class FailOnMarker
      extends RichMapFunction<
          io.chaoscast.connectors.schema.Observation, io.chaoscast.connectors.schema.Observation> {
    private final String markers;

    FailOnMarker(Path markers) {
      this.markers = markers.toString();
    }

    @Override
    public io.chaoscast.connectors.schema.Observation map(
        io.chaoscast.connectors.schema.Observation o) throws Exception {
      if (getRuntimeContext().getTaskInfo().getAttemptNumber() == 0
          && Files.exists(Path.of(markers, "fail-now"))) {
        try {
          Files.createFile(Path.of(markers, "failed"));
        } catch (java.nio.file.FileAlreadyExistsException ignored) {
          // the other subtask failed first
        }
        throw new IllegalStateException("injected failure after the swap");
      }
      return o;
    }
  }
}
