package io.chaoscast.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.testing.KafkaFixture;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.health.FaultStatus;
import io.chaoscast.jobs.testing.PipelineTestSupport;
import io.chaoscast.jobs.testing.PipelineTestSupport.TestTopics;
import io.chaoscast.loadtest.PrometheusScrape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Makes the job's checkpoint storage unwritable mid-stream, in exactly-once mode, then writable
 * again. The tests run as root, where taking permissions away stops no write, so the checkpoint
 * directory is moved aside and a regular file put in its place: creating a checkpoint's directory
 * under it fails whoever runs it. While it lasts, checkpoints fail and the fault monitor's gauge
 * counts them; the job does not restart (the failures stay within {@code
 * tolerable_failed_checkpoints}); afterwards checkpoints complete again, and the committed
 * (read_committed) output equals an uninterrupted run's.
 */
class CheckpointStorageOutageIT {

  @TempDir Path tmp;

  @Test
  void shouldRideOutUnwritableCheckpointStorageAndCommitTheUninterruptedOutput() throws Exception {
    try (KafkaFixture kafka = KafkaFixture.start()) {
      var input = ExactlyOnceRecoveryIT.input();
      List<String> uninterrupted = ExactlyOnceRecoveryIT.uninterruptedForecasts(kafka, input);

      TestTopics topics = TestTopics.create(kafka, 2);
      kafka.produce(
          topics.observations(), ExactlyOnceRecoveryIT.retarget(input, topics.observations()));
      Path storage = Files.createDirectory(tmp.resolve("checkpoints"));
      // At the tests' 200 ms checkpoint interval a fault the test can see and undo costs a dozen
      // checkpoints; Flink's own default tolerates none and would restart the job at the first.
      JobConfig config =
          PipelineTestSupport.config(
              kafka,
              topics,
              2,
              true,
              "checkpoint_dir: \"" + storage.toUri() + "\"\ntolerable_failed_checkpoints: 50");
      int port = PipelineTestSupport.freePort();
      var env = PipelineTestSupport.environment(2, PipelineTestSupport.prometheusReporter(port));
      var job =
          ForecastingJob.fromConfig(config, parsed -> parsed.map(new BrokerOutageIT.Slow(20)));
      job.configure(env);
      job.build(env);
      var client = env.executeAsync(ForecastingJob.JOB_NAME);
      try (JobWatch watch = JobWatch.start(client)) {
        // Mid-stream: a checkpoint has committed some output, most is still to come.
        kafka.readCommitted(topics.forecasts(), 1, Duration.ZERO, Duration.ofSeconds(60));
        assertThat(Files.list(storage)).as("checkpoints go to checkpoint_dir").isNotEmpty();

        Path aside = tmp.resolve("checkpoints-aside");
        Files.move(storage, aside);
        Files.writeString(storage, "not a directory");
        FaultStatus during =
            awaitFaults(port, f -> f.consecutiveFailedCheckpoints() >= FAILURES_TO_SEE);
        double failedByFlink = failedCheckpoints(port);
        Files.delete(storage);
        Files.move(aside, storage);

        assertThat(during.describe()).startsWith("fault: checkpoints failing ");
        assertThat(failedByFlink).as("Flink's own failed-checkpoint count").isGreaterThan(0);
        FaultStatus after = awaitFaults(port, f -> f.consecutiveFailedCheckpoints() == 0);
        assertThat(after.describe()).as("checkpoints complete again").isEmpty();

        client.getJobExecutionResult().get(120, TimeUnit.SECONDS);
        assertThat(watch.restarts()).as("restarts").isZero();
      }
      List<String> committed =
          PipelineTestSupport.committedForecasts(
              kafka, topics.forecasts(), ExactlyOnceRecoveryIT.EXPECTED_FORECASTS);
      assertThat(committed).containsExactlyInAnyOrderElementsOf(uninterrupted);
    }
  }

  /** Failed checkpoints in a row to see before the storage is made writable again. */
  private static final int FAILURES_TO_SEE = 5;

  private static FaultStatus awaitFaults(int port, Predicate<FaultStatus> condition)
      throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    FaultStatus last = FaultStatus.NONE;
    while (System.currentTimeMillis() < deadline) {
      try {
        last = PipelineTestSupport.faults(port);
        if (condition.test(last)) return last;
      } catch (java.io.IOException notYetServing) {
        // the reporter starts with the job
      }
      Thread.sleep(50);
    }
    throw new AssertionError("fault gauges never matched; last seen " + last);
  }

  private static double failedCheckpoints(int port) throws Exception {
    return PrometheusScrape.of(port).sum("flink_jobmanager_job_numberOfFailedCheckpoints");
  }
}
