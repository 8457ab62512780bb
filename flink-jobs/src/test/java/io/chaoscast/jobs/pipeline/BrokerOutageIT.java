package io.chaoscast.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.connectors.testing.KafkaFixture;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.testing.PipelineTestSupport;
import io.chaoscast.jobs.testing.PipelineTestSupport.TestTopics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/**
 * Stops the broker mid-stream for 8 s (same ports and log directory when it comes back), with the
 * job in exactly-once mode: the committed output must equal an uninterrupted run's. (An outage this
 * short fails no checkpoint and restarts nothing: the job stalls and catches up. See
 * docs/hardening.md for what reports a longer one.)
 */
class BrokerOutageIT {

  private static final Duration OUTAGE = Duration.ofSeconds(8);

  @Test
  void shouldCommitTheUninterruptedOutputAcrossABrokerOutage() throws Exception {
    try (KafkaFixture kafka = KafkaFixture.start()) {
      assumeTrue(kafka.embeddedBroker().isPresent(), "needs the in-JVM broker to stop it");
      var broker = kafka.embeddedBroker().orElseThrow();
      var input = ExactlyOnceRecoveryIT.input();

      TestTopics clean = TestTopics.create(kafka, 2);
      kafka.produce(
          clean.observations(), ExactlyOnceRecoveryIT.retarget(input, clean.observations()));
      JobConfig cleanConfig = PipelineTestSupport.config(kafka, clean, 2, true, "");
      ForecastingJob.fromConfig(cleanConfig)
          .execute(PipelineTestSupport.environment(2, new Configuration()));

      TestTopics outage = TestTopics.create(kafka, 2);
      kafka.produce(
          outage.observations(), ExactlyOnceRecoveryIT.retarget(input, outage.observations()));
      JobConfig config = PipelineTestSupport.config(kafka, outage, 2, true, "");
      Configuration conf = new Configuration();
      // An outage must not use up the restart attempts, should a sink or source fail over.
      conf.setString("restart-strategy.fixed-delay.attempts", "1000");
      conf.setString("restart-strategy.fixed-delay.delay", "1 s");
      var env = PipelineTestSupport.environment(2, conf);
      var job = ForecastingJob.fromConfig(config, parsed -> parsed.map(new Slow()));
      job.configure(env);
      job.build(env);
      var client = env.executeAsync(ForecastingJob.JOB_NAME);

      int streams = 3;
      int expectedForecasts = streams * ((ExactlyOnceRecoveryIT.SAMPLES_PER_STREAM - 60) / 10 + 1);
      // Mid-stream: some output is committed, most is still to come.
      kafka.readCommitted(outage.forecasts(), 1, Duration.ofSeconds(1), Duration.ofSeconds(60));
      broker.stop();
      Thread.sleep(OUTAGE.toMillis());
      broker.restart();
      client.getJobExecutionResult().get(120, TimeUnit.SECONDS);

      List<String> cleanForecasts =
          PipelineTestSupport.committedForecasts(kafka, clean.forecasts(), expectedForecasts);
      List<String> afterOutage =
          PipelineTestSupport.committedForecasts(kafka, outage.forecasts(), expectedForecasts);
      assertThat(cleanForecasts).hasSize(expectedForecasts).doesNotHaveDuplicates();
      assertThat(afterOutage).containsExactlyInAnyOrderElementsOf(cleanForecasts);
    }
  }

  /** Slows the stream so that the outage falls in its middle. */
  static final class Slow implements MapFunction<Observation, Observation> {
    @Override
    public Observation map(Observation o) throws Exception {
      Thread.sleep(10);
      return o;
    }
  }
}
