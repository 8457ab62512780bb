package io.chaoscast.jobs.pipeline;

import static io.chaoscast.jobs.testing.PipelineTestSupport.observation;
import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.kafka.DeadLetterSerializer;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.connectors.synthetic.SignalSource;
import io.chaoscast.connectors.synthetic.SyntheticStreams;
import io.chaoscast.connectors.testing.KafkaFixture;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.testing.PipelineTestSupport;
import io.chaoscast.jobs.testing.PipelineTestSupport.TestTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the job mid-stream after a checkpoint, lets Flink restore it from that checkpoint, and
 * checks that the committed output equals that of an uninterrupted run over the same input: no
 * record lost, none duplicated.
 */
class ExactlyOnceRecoveryIT {

  static final int SAMPLES_PER_STREAM = 300;

  @TempDir Path markers;

  @Test
  void shouldCommitExactlyTheUninterruptedOutputAfterAFailureAndRestore() throws Exception {
    try (KafkaFixture kafka = KafkaFixture.start()) {
      List<ProducerRecord<byte[], byte[]>> input = input();

      TestTopics clean = TestTopics.create(kafka, 2);
      kafka.produce(clean.observations(), retarget(input, clean.observations()));
      JobConfig cleanConfig = PipelineTestSupport.config(kafka, clean, 2, true, "");
      ForecastingJob.fromConfig(cleanConfig)
          .execute(PipelineTestSupport.environment(2, new Configuration()));

      TestTopics failing = TestTopics.create(kafka, 2);
      kafka.produce(failing.observations(), retarget(input, failing.observations()));
      JobConfig failingConfig = PipelineTestSupport.config(kafka, failing, 2, true, "");
      ForecastingJob.fromConfig(
              failingConfig,
              parsed -> parsed.map(new FailOnceAfterCheckpoint(150, markers.toString())))
          .execute(PipelineTestSupport.environment(2, new Configuration()));

      assertThat(Files.list(markers)).as("the injected failure happened").isNotEmpty();
      int streams = 3;
      int expectedForecasts = streams * ((SAMPLES_PER_STREAM - 60) / 10 + 1);
      List<String> cleanForecasts =
          PipelineTestSupport.committedForecasts(kafka, clean.forecasts(), expectedForecasts);
      List<String> recoveredForecasts =
          PipelineTestSupport.committedForecasts(kafka, failing.forecasts(), expectedForecasts);
      assertThat(cleanForecasts).hasSize(expectedForecasts).doesNotHaveDuplicates();
      assertThat(recoveredForecasts).containsExactlyInAnyOrderElementsOf(cleanForecasts);

      // Each sink subtask reuses a few transactional ids instead of taking a new one per
      // checkpoint: the broker keeps every id it has seen for transactional.id.expiration.ms (7
      // days by default), so a new id per 1-s checkpoint per sink subtask grows its memory by
      // millions of ids a week.
      int sinkSubtasks = 4 * 2; // forecasts, skill, alerts, dead letters at parallelism 2
      assertThat(transactionalIds(kafka, failingConfig.kafka().transactionalIdPrefix()))
          .as("transactional ids the broker knows for the recovered job")
          .isNotEmpty()
          .hasSizeLessThanOrEqualTo(3 * sinkSubtasks);

      List<String> cleanDlq = deadLetters(kafka, clean.deadLetters());
      assertThat(cleanDlq).hasSize(SAMPLES_PER_STREAM / 50);
      assertThat(deadLetters(kafka, failing.deadLetters()))
          .containsExactlyInAnyOrderElementsOf(cleanDlq);
    }
  }

  /** Forecasts an uninterrupted run commits for {@link #input()}: 3 streams, 1 every 10 samples. */
  static final int EXPECTED_FORECASTS = 3 * ((SAMPLES_PER_STREAM - 60) / 10 + 1);

  /**
   * The committed forecasts of an uninterrupted exactly-once run over {@code input} (from {@link
   * #input()}; each call stamps other times), on fresh topics with 2 partitions: what a run with a
   * fault injected must commit for the same input.
   */
  static List<String> uninterruptedForecasts(
      KafkaFixture kafka, List<ProducerRecord<byte[], byte[]>> input) throws Exception {
    TestTopics clean = TestTopics.create(kafka, 2);
    kafka.produce(clean.observations(), retarget(input, clean.observations()));
    JobConfig cleanConfig = PipelineTestSupport.config(kafka, clean, 2, true, "");
    ForecastingJob.fromConfig(cleanConfig)
        .execute(PipelineTestSupport.environment(2, new Configuration()));
    List<String> forecasts =
        PipelineTestSupport.committedForecasts(kafka, clean.forecasts(), EXPECTED_FORECASTS);
    assertThat(forecasts).hasSize(EXPECTED_FORECASTS).doesNotHaveDuplicates();
    return forecasts;
  }

  /** Three streams of the demo mix, plus a malformed record every 50 samples. */
  static List<ProducerRecord<byte[], byte[]>> input() {
    Map<String, SignalSource> streams = SyntheticStreams.demoMix(3, 7);
    long t0 = System.currentTimeMillis() - 60_000;
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < SAMPLES_PER_STREAM; i++) {
      for (var e : streams.entrySet()) {
        records.add(
            PipelineTestSupport.record(
                "", e.getKey(), observation(e.getKey(), t0 + 10L * i, e.getValue().next())));
      }
      if (i % 50 == 49) {
        records.add(
            PipelineTestSupport.record("", "broken", "{\"stream\": \"broken\", \"seq\": " + i));
      }
    }
    return records;
  }

  static List<ProducerRecord<byte[], byte[]>> retarget(
      List<ProducerRecord<byte[], byte[]>> records, String topic) {
    return records.stream()
        .map(r -> new ProducerRecord<>(topic, null, r.timestamp(), r.key(), r.value()))
        .toList();
  }

  private static List<String> transactionalIds(KafkaFixture kafka, String prefix) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      return admin.listTransactions().all().get().stream()
          .map(TransactionListing::transactionalId)
          .filter(id -> id.startsWith(prefix + "-"))
          .toList();
    }
  }

  private static List<String> deadLetters(KafkaFixture kafka, String topic) {
    return kafka.readCommitted(topic, 1, Duration.ofSeconds(1), Duration.ofSeconds(30)).stream()
        .map(ExactlyOnceRecoveryIT::describe)
        .toList();
  }

  private static String describe(ConsumerRecord<byte[], byte[]> r) {
    var reason = r.headers().lastHeader(DeadLetterSerializer.REASON_HEADER);
    return new String(reason.value(), StandardCharsets.UTF_8)
        + ":"
        + new String(r.value(), StandardCharsets.UTF_8);
  }

  /**
   * Throws once, on the first attempt only, after a checkpoint has completed and a number of
   * records passed; it slows the stream a little so that checkpoints happen mid-stream. The attempt
   * number comes from Flink, so no static state is needed to fail only once.
   */
  static final class FailOnceAfterCheckpoint extends RichMapFunction<Observation, Observation>
      implements CheckpointListener {
    private final long afterRecords;
    private final String markerDir;
    private transient long seen;
    private transient volatile boolean checkpointed;

    FailOnceAfterCheckpoint(long afterRecords, String markerDir) {
      this.afterRecords = afterRecords;
      this.markerDir = markerDir;
    }

    @Override
    public void open(OpenContext openContext) {
      seen = 0;
      checkpointed = false;
    }

    @Override
    public Observation map(Observation o) throws Exception {
      Thread.sleep(2);
      seen++;
      var info = getRuntimeContext().getTaskInfo();
      if (info.getAttemptNumber() == 0 && checkpointed && seen >= afterRecords) {
        Files.createTempFile(
            Path.of(markerDir), "failed-subtask-" + info.getIndexOfThisSubtask(), "");
        throw new IllegalStateException("injected failure after " + seen + " records");
      }
      return o;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      checkpointed = true;
    }
  }
}
