package io.chaoscast.jobs.trainer;

import static io.chaoscast.jobs.testing.PipelineTestSupport.observation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoscast.connectors.synthetic.FlowSignal;
import io.chaoscast.connectors.testing.KafkaFixture;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.pipeline.ForecastingJob;
import io.chaoscast.jobs.testing.PipelineTestSupport;
import io.chaoscast.jobs.testing.PipelineTestSupport.TestTopics;
import io.chaoscast.models.cli.TrainCommand;
import io.chaoscast.models.systems.Lorenz63;
import io.chaoscast.models.training.Dataset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job and the trainer together on the real broker: a stream served by persistence has a
 * configured challenger slot whose first artifact is useless (an NVAR fitted on noise); the trainer
 * fits a challenger on the stream's own history and announces it; the job loads it, scores it
 * beside the champion, and promotes it, on the promotions topic, with the trained version as the
 * evidence.
 */
class TrainedChallengerPromotionIT {

  private static final String STREAM = "fast";
  private static final String SLOT = "trained-fast";
  private static final int HISTORY = 600;
  private static final int CONTEXT = 60;

  @TempDir Path root;

  /** Lorenz63 at 0.05 time units per sample: persistence is poor 5 steps ahead, NVAR is not. */
  private final FlowSignal signal = new FlowSignal(Lorenz63.classic(), 0.05, 1, 5.0);

  private final long t0 = System.currentTimeMillis() - 120_000;

  @Test
  void shouldPromoteTheChallengerTheTrainerFittedOnTheStream() throws Exception {
    try (KafkaFixture kafka = KafkaFixture.start()) {
      TestTopics topics = TestTopics.create(kafka, 1);
      String id = UUID.randomUUID().toString().substring(0, 8);
      String models = "models-" + id;
      String promotions = "promotions-" + id;
      kafka.createTopics(1, models, promotions);
      JobConfig config = config(kafka, topics, models, promotions);
      var env = PipelineTestSupport.environment(1, new Configuration());
      var job = ForecastingJob.fromConfig(config);
      job.configure(env);
      job.build(env);
      JobClient client = env.executeAsync(ForecastingJob.JOB_NAME);
      Trainer trainer =
          new Trainer(
              new TrainerOptions(
                  config,
                  "trainers-" + id,
                  Duration.ofMillis(300),
                  HISTORY,
                  100,
                  100_000,
                  10,
                  1,
                  List.of("nvar"),
                  null,
                  TrainerOptions.DEFAULT_KEEP_VERSIONS,
                  Duration.ofSeconds(5)),
              System.err);
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
      try {
        produce(kafka, topics.observations(), 0, HISTORY);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (trainer.announced() < 1) {
          assertThat(failure.get()).isNull();
          assertThat(System.nanoTime()).as("an announcement in time").isLessThan(deadline);
          Thread.sleep(100);
        }
        var announcement = trainer.announcements().get(0);
        Thread.sleep(2_000); // the job reads the models topic and loads the new version
        JsonNode promoted = null;
        int next = HISTORY;
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (promoted == null) {
          assertThat(System.nanoTime()).as("a promotion in time").isLessThan(deadline);
          produce(kafka, topics.observations(), next, next + 100);
          next += 100;
          for (JsonNode s : PipelineTestSupport.committed(kafka, promotions, 0)) {
            if (s.get("stream").asText().equals(STREAM)) promoted = s;
          }
        }
        assertThat(promoted.get("kind").asText()).isEqualTo("PROMOTED");
        assertThat(promoted.get("champion").asText()).isEqualTo(SLOT);
        assertThat(promoted.get("challenger").asText()).isEqualTo("persistence");
        // The evidence is the trained version's, not the noise-fitted first one's.
        assertThat(promoted.get("chosen").get("model_id").asText())
            .isEqualTo(SLOT + "/" + announcement.version());
      } finally {
        trainer.stop();
        thread.join(TimeUnit.SECONDS.toMillis(60));
        client.cancel().get(30, TimeUnit.SECONDS);
      }
      assertThat(failure.get()).isNull();
    }
  }

  private JobConfig config(KafkaFixture kafka, TestTopics topics, String models, String promotions)
      throws Exception {
    Random noise = new Random(3);
    double[][] values = new double[400][3];
    for (double[] v : values) for (int c = 0; c < 3; c++) v[c] = 10 * noise.nextGaussian();
    Path useless =
        TrainCommand.train(
                new Dataset("noise", values, 0.01, Double.NaN),
                "nvar",
                root.resolve("noise-nvar"),
                TrainCommand.Options.defaults().with(400, CONTEXT, 5, 30, false))
            .modelDir();
    String yaml =
        """
        model_root: "%s"
        models:
          - {name: %s, path: "%s", device: cpu}
        routing:
          - {match: %s, model: persistence, challenger: %s}
        promotion: {min_scored: 8, margin: 0.2, memory: 16, collapse_fraction: 0.5}
        drift: {enabled: false}
        """
            .formatted(root, SLOT, useless, STREAM, SLOT);
    JobConfig base = PipelineTestSupport.config(kafka, topics, 1, false, yaml);
    var t = base.topics();
    return base.withTopics(
        new JobConfig.TopicNames(
            t.observations(),
            t.forecasts(),
            t.alerts(),
            t.deadLetters(),
            t.skill(),
            models,
            promotions));
  }

  private void produce(KafkaFixture kafka, String topic, int from, int to) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = from; i < to; i++) {
      records.add(
          PipelineTestSupport.record(
              topic, STREAM, observation(STREAM, t0 + 10L * i, signal.next())));
    }
    kafka.produce(topic, records);
  }
}
