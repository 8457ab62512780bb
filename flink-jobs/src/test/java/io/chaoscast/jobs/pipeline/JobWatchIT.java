package io.chaoscast.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;

/** {@link JobWatch} on a real MiniCluster job that fails on its first record, every attempt. */
class JobWatchIT {

  static final class AlwaysFails implements MapFunction<Long, Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public Long map(Long value) {
      throw new IllegalStateException("injected job failure");
    }
  }

  @Test
  void shouldCountEveryRestartOfAJobThatFailsOverAndOver() throws Exception {
    Configuration conf = new Configuration();
    conf.setString("restart-strategy.type", "fixed-delay");
    conf.setString("restart-strategy.fixed-delay.attempts", "1000");
    conf.setString("restart-strategy.fixed-delay.delay", "300 ms");
    var env = LocalCluster.environment(1, 0, conf);
    env.fromSequence(0, 10).map(new AlwaysFails()).sinkTo(new DiscardingSink<>());
    var client = env.executeAsync("always-fails");
    try (JobWatch watch = JobWatch.start(client)) {
      long deadline = System.currentTimeMillis() + 60_000; // a liveness bound, not a speed check
      while (watch.restarts() < 3 && System.currentTimeMillis() < deadline) Thread.sleep(100);

      assertThat(watch.restarts()).isGreaterThanOrEqualTo(3);
      assertThat(watch.restartsWithin(Duration.ofMinutes(5))).isEqualTo(watch.restarts());
      assertThat(watch.restartsWithin(Duration.ZERO)).isZero();
      assertThat(watch.failed()).isFalse();
    } finally {
      client.cancel().get(30, TimeUnit.SECONDS); // the local cluster shuts down with its job
    }
  }
}
