package io.chaoscast.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.connectors.testing.KafkaFixture;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.health.FaultStatus;
import io.chaoscast.jobs.testing.PipelineTestSupport;
import io.chaoscast.jobs.testing.PipelineTestSupport.TestTopics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
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

      List<String> cleanForecasts = ExactlyOnceRecoveryIT.uninterruptedForecasts(kafka, input);

      TestTopics outage = TestTopics.create(kafka, 2);
      kafka.produce(
          outage.observations(), ExactlyOnceRecoveryIT.retarget(input, outage.observations()));
      JobConfig config = PipelineTestSupport.config(kafka, outage, 2, true, "");
      int port = PipelineTestSupport.freePort();
      Configuration conf = PipelineTestSupport.prometheusReporter(port);
      // An outage must not use up the restart attempts, should a sink or source fail over.
      conf.setString("restart-strategy.fixed-delay.attempts", "1000");
      conf.setString("restart-strategy.fixed-delay.delay", "1 s");
      var env = PipelineTestSupport.environment(2, conf);
      var job = ForecastingJob.fromConfig(config, parsed -> parsed.map(new Slow(10)));
      job.configure(env);
      job.build(env);
      var client = env.executeAsync(ForecastingJob.JOB_NAME);

      // Mid-stream: some output is committed, most is still to come (no quiet period: output
      // flows on every checkpoint, and waiting for a pause would wait for the end of the job).
      kafka.readCommitted(outage.forecasts(), 1, Duration.ZERO, Duration.ofSeconds(60));
      assertThat(client.getJobStatus().get()).as("the job still runs").isEqualTo(JobStatus.RUNNING);
      assertThat(PipelineTestSupport.faults(port).describe()).isEmpty();
      broker.stop();
      long stoppedAt = System.currentTimeMillis();
      FaultStatus during = awaitBrokerFault(port, stoppedAt + OUTAGE.toMillis());
      Thread.sleep(Math.max(0, stoppedAt + OUTAGE.toMillis() - System.currentTimeMillis()));
      broker.restart();
      assertThat(during.describe()).startsWith("fault: ").contains("broker unreachable ");
      assertThat(during.brokerUnreachableSeconds())
          .isBetween(1.0, (System.currentTimeMillis() - stoppedAt) / 1000.0 + 2);
      client.getJobExecutionResult().get(120, TimeUnit.SECONDS);

      List<String> afterOutage =
          PipelineTestSupport.committedForecasts(
              kafka, outage.forecasts(), ExactlyOnceRecoveryIT.EXPECTED_FORECASTS);
      assertThat(afterOutage).containsExactlyInAnyOrderElementsOf(cleanForecasts);
    }
  }

  /** The fault gauges once they show the broker unreachable, polled until {@code until}. */
  private static FaultStatus awaitBrokerFault(int port, long until) throws Exception {
    FaultStatus last = FaultStatus.NONE;
    while (System.currentTimeMillis() < until) {
      last = PipelineTestSupport.faults(port);
      if (last.brokerUnreachableSeconds() > 0) return last;
      Thread.sleep(100);
    }
    throw new AssertionError("the broker outage was never reported; last seen " + last);
  }

  /** Slows the stream so that an injected fault falls in its middle. */
  static final class Slow implements MapFunction<Observation, Observation> {
    private final long millisPerRecord;

    Slow(long millisPerRecord) {
      this.millisPerRecord = millisPerRecord;
    }

    @Override
    public Observation map(Observation o) throws Exception {
      Thread.sleep(millisPerRecord);
      return o;
    }
  }
}
