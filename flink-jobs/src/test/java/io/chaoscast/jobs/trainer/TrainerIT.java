package io.chaoscast.jobs.trainer;

import static io.chaoscast.jobs.testing.PipelineTestSupport.observation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoscast.connectors.schema.SourceRecord;
import io.chaoscast.connectors.synthetic.FlowSignal;
import io.chaoscast.connectors.testing.KafkaFixture;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.lifecycle.ModelAnnouncementParser;
import io.chaoscast.jobs.lifecycle.ModelLoader;
import io.chaoscast.jobs.lifecycle.ModelRoot;
import io.chaoscast.jobs.testing.PipelineTestSupport;
import io.chaoscast.jobs.testing.PipelineTestSupport.TestTopics;
import io.chaoscast.models.cli.TrainCommand;
import io.chaoscast.models.systems.Lorenz63;
import io.chaoscast.models.training.Dataset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer on the real broker: it reads the observations of a few streams, fits and validates a
 * challenger per stream whose routing rule names a configured challenger model, and announces each
 * on the models topic in a form the job accepts. A second trainer of the same group, started after
 * the first stopped, rebuilds the histories from the group's offsets and learns from the models
 * topic what was finished: it announces nothing until a stream has enough new samples, and then
 * only that stream.
 */
class TrainerIT {

  private static final int HISTORY = 1000;
  private static final int HOLDOUT = 100;
  private static final int RETRAIN_AFTER = 200;
  private static final int CONTEXT = 60;

  /** Stream to its slot: the configured model its rule names as challenger. */
  private static final Map<String, String> SLOTS =
      Map.of("s-a", "trained-a", "s-b", "trained-b", "s-c", "trained-c");

  /** Routed to a built-in challenger: nothing to train. */
  private static final String UNTRAINED = "other";

  @TempDir Path root;

  private final Map<String, FlowSignal> signals = new LinkedHashMap<>();
  // Within the job's event_time.max_timestamp_skew_ms of the Kafka timestamps, as the trainer
  // checks.
  private final long t0 = System.currentTimeMillis() - 600_000;

  @Test
  void shouldAnnounceAChallengerPerStreamAndNotRedoFinishedWorkAfterARestart() throws Exception {
    int seed = 1;
    for (String s : List.of("s-a", "s-b", "s-c", UNTRAINED)) {
      signals.put(s, new FlowSignal(Lorenz63.classic(), 0.02, seed++, 5.0));
    }
    try (KafkaFixture kafka = KafkaFixture.start()) {
      TestTopics topics = TestTopics.create(kafka, 2);
      String models = "models-" + UUID.randomUUID().toString().substring(0, 8);
      kafka.createTopics(1, models);
      JobConfig config = config(kafka, topics, models);
      produce(kafka, topics.observations(), signals.keySet(), 0, HISTORY);

      Running first = start(config);
      await(() -> first.trainer.announced() >= SLOTS.size(), 240, "three announcements");
      Thread.sleep(1_500); // a few more rounds: nothing else is due
      first.stop();

      List<JsonNode> announced = announcements(kafka, models, SLOTS.size());
      assertThat(announced).hasSize(SLOTS.size());
      assertThat(announced)
          .extracting(a -> a.get("stream").asText())
          .containsExactlyInAnyOrderElementsOf(SLOTS.keySet());
      var parser = new ModelAnnouncementParser(Set.copyOf(SLOTS.values()));
      for (JsonNode a : announced) {
        String stream = a.get("stream").asText();
        assertThat(a.get("name").asText()).isEqualTo(SLOTS.get(stream));
        assertThat(a.get("history_end_millis").asLong()).isEqualTo(ts(HISTORY - 1));
        assertThat(a.get("history_samples").asInt()).isEqualTo(HISTORY);
        assertThat(a.get("holdout_samples").asInt()).isEqualTo(HOLDOUT);
        assertThat(a.get("holdout_vpt_steps").asDouble()).isPositive();
        assertThat(a.get("model_type").asText()).isIn(CandidateFitter.TYPES);
        // What the job does with it: its parser accepts it, the path is under model_root, and
        // the artifact loads for the slot with the job's context length.
        var parsed = parser.parse(source(models, a));
        String real = new ModelRoot(config.modelRoot()).announced(parsed.path()).toString();
        var entry =
            config.models().stream().filter(m -> m.name().equals(parsed.name())).findFirst();
        assertThat(ModelLoader.check(entry.orElseThrow(), real, CONTEXT)).isNull();
      }

      // A restart in the same group: the histories come back, the finished work is not redone.
      Running second = start(config);
      await(
          () -> second.trainer.samplesAccepted() >= (long) SLOTS.size() * HISTORY,
          60,
          "the histories read back");
      Thread.sleep(2_000); // several rounds with full histories
      assertThat(second.trainer.fitsStarted()).as("fits started after the restart").isZero();
      assertThat(announcements(kafka, models, SLOTS.size())).hasSize(SLOTS.size());

      // New samples of one stream, more than retrain_after: that stream alone is trained again, on
      // its rebuilt history (it alone received too few samples since the restart to fill one).
      produce(kafka, topics.observations(), List.of("s-a"), HISTORY, HISTORY + RETRAIN_AFTER);
      await(() -> second.trainer.announced() >= 1, 120, "a second announcement of s-a");
      Thread.sleep(1_500);
      second.stop();
      assertThat(second.trainer.announced()).isEqualTo(1);
      assertThat(second.trainer.fitsStarted()).isEqualTo(1);
      List<JsonNode> all = announcements(kafka, models, SLOTS.size() + 1);
      assertThat(all).hasSize(SLOTS.size() + 1);
      JsonNode again = all.get(all.size() - 1);
      assertThat(again.get("stream").asText()).isEqualTo("s-a");
      assertThat(again.get("history_end_millis").asLong())
          .isEqualTo(ts(HISTORY + RETRAIN_AFTER - 1));
      assertThat(again.get("history_samples").asInt()).isEqualTo(HISTORY);
      // keep_versions 1: s-a's slot in the store holds its new version only
      Path newest = Path.of(again.get("path").asText());
      try (var versions = Files.list(newest.getParent())) {
        assertThat(versions).containsExactly(newest);
      }
      for (JsonNode earlier : all.subList(0, SLOTS.size())) {
        Path path = Path.of(earlier.get("path").asText());
        if (earlier.get("stream").asText().equals("s-a")) {
          assertThat(path).as("s-a's first version, deleted").doesNotExist();
        } else {
          assertThat(path).as("the other slots keep their only version").isDirectory();
        }
      }
    }
  }

  @Test
  void shouldShareTheStreamsBetweenTrainersOfOneGroupAndTrainEachOnce() throws Exception {
    int seed = 11;
    for (String s : SLOTS.keySet()) {
      signals.put(s, new FlowSignal(Lorenz63.classic(), 0.02, seed++, 5.0));
    }
    try (KafkaFixture kafka = KafkaFixture.start()) {
      TestTopics topics = TestTopics.create(kafka, 2);
      String models = "models-" + UUID.randomUUID().toString().substring(0, 8);
      kafka.createTopics(1, models);
      JobConfig config = config(kafka, topics, models);
      Running one = start(config);
      Running two = start(config);
      await(
          () -> one.trainer.partitionsAssigned() == 1 && two.trainer.partitionsAssigned() == 1,
          60,
          "one partition each");
      produce(kafka, topics.observations(), SLOTS.keySet(), 0, HISTORY);
      await(
          () -> one.trainer.announced() + two.trainer.announced() >= SLOTS.size(),
          240,
          "three announcements");
      Thread.sleep(1_500);
      one.stop();
      two.stop();

      assertThat(one.trainer.fitsStarted() + two.trainer.fitsStarted()).isEqualTo(SLOTS.size());
      assertThat(announcements(kafka, models, SLOTS.size()))
          .extracting(a -> a.get("stream").asText())
          .containsExactlyInAnyOrderElementsOf(SLOTS.keySet());
    }
  }

  private JobConfig config(KafkaFixture kafka, TestTopics topics, String models) throws Exception {
    // Every slot starts with some artifact (the job loads its models at start): an NVAR of another
    // Lorenz trajectory.
    var options = TrainCommand.Options.defaults().with(400, CONTEXT, 5, 30, false);
    Path initial =
        TrainCommand.train(
                Dataset.simulate("lorenz63", 400), "nvar", root.resolve("initial"), options)
            .modelDir();
    StringBuilder yaml = new StringBuilder();
    yaml.append("model_root: \"").append(root).append("\"\nmodels:\n");
    SLOTS.values().stream()
        .sorted()
        .forEach(
            slot ->
                yaml.append("  - {name: ")
                    .append(slot)
                    .append(", path: \"")
                    .append(initial)
                    .append("\", device: cpu}\n"));
    yaml.append("routing:\n");
    SLOTS.forEach(
        (stream, slot) ->
            yaml.append("  - {match: ")
                .append(stream)
                .append(", model: nvar, challenger: ")
                .append(slot)
                .append("}\n"));
    yaml.append("  - {match: ")
        .append(UNTRAINED)
        .append(", model: nvar, challenger: persistence}\n");
    JobConfig base = PipelineTestSupport.config(kafka, topics, 1, false, yaml.toString());
    var t = base.topics();
    return base.withTopics(
        new JobConfig.TopicNames(
            t.observations(), t.forecasts(), t.alerts(), t.deadLetters(), t.skill(), models));
  }

  private TrainerOptions options(JobConfig config) {
    return new TrainerOptions(
        config,
        "trainers-" + config.kafka().groupId(),
        Duration.ofMillis(300),
        HISTORY,
        HOLDOUT,
        RETRAIN_AFTER,
        100,
        2,
        CandidateFitter.TYPES,
        null,
        1, // the newest version only: the retrained stream's first version is deleted
        Duration.ofSeconds(2));
  }

  private record Running(Trainer trainer, Thread thread, AtomicReference<Throwable> failure) {
    void stop() throws Exception {
      trainer.stop();
      thread.join(TimeUnit.SECONDS.toMillis(90));
      assertThat(thread.isAlive()).as("trainer stopped").isFalse();
      if (failure.get() != null) throw new AssertionError("the trainer failed", failure.get());
    }
  }

  private Running start(JobConfig config) {
    Trainer trainer = new Trainer(options(config), System.err);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                trainer.run();
              } catch (Throwable e) {
                failure.set(e);
              }
            },
            "trainer-under-test");
    thread.start();
    return new Running(trainer, thread, failure);
  }

  private static void await(BooleanSupplier condition, int seconds, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline)
        throw new AssertionError("no " + what + " in " + seconds + " s");
      Thread.sleep(100);
    }
  }

  private long ts(int i) {
    return t0 + 10L * i;
  }

  private void produce(
      KafkaFixture kafka, String topic, Iterable<String> streams, int from, int to) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = from; i < to; i++) {
      for (String s : streams) {
        records.add(
            PipelineTestSupport.record(topic, s, observation(s, ts(i), signals.get(s).next())));
      }
    }
    kafka.produce(topic, records);
  }

  private static List<JsonNode> announcements(KafkaFixture kafka, String topic, int atLeast) {
    return PipelineTestSupport.committed(kafka, topic, atLeast);
  }

  private static SourceRecord source(String topic, JsonNode json) {
    return new SourceRecord(topic, 0, 0, 0, null, json.toString().getBytes(StandardCharsets.UTF_8));
  }
}
