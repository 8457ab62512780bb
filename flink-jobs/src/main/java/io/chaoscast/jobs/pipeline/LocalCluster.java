package io.chaoscast.jobs.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A MiniCluster environment for running the job on one machine (demo, load test, tests).
 * Checkpoints go to a temporary directory: the MiniCluster's default, JobManager memory, refuses
 * states over 5 MB, which a few hundred streams' windows exceed under load, and the job then fails
 * its checkpoints and restarts. Prometheus metrics are served on {@code metricsPort} when it is
 * positive.
 */
public final class LocalCluster {

  private LocalCluster() {}

  public static StreamExecutionEnvironment environment(
      int parallelism, int metricsPort, Configuration extra) {
    Configuration conf = new Configuration();
    conf.setString("execution.checkpointing.storage", "filesystem");
    conf.setString("execution.checkpointing.dir", checkpointDirectory().toUri().toString());
    if (metricsPort > 0) {
      conf.setString(
          "metrics.reporter.prom.factory.class",
          "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
      conf.setString("metrics.reporter.prom.port", Integer.toString(metricsPort));
    }
    conf.addAll(extra);
    return StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
  }

  private static Path checkpointDirectory() {
    try {
      Path dir = Files.createTempDirectory("chaoscast-checkpoints-");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a checkpoint directory", e);
    }
  }
}
