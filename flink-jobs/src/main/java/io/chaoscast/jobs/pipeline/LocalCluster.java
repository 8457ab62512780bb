package io.chaoscast.jobs.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.FileUtils;

/**
 * A MiniCluster environment for running the job on one machine (demo, load test, tests).
 * Checkpoints go to a temporary directory: the MiniCluster's default, JobManager memory, refuses
 * states over 5 MB, which a few hundred streams' windows exceed under load, and the job then fails
 * its checkpoints and restarts. The directory is memory-backed ({@code /dev/shm}) when the machine
 * has one with room: these checkpoints serve restarts inside this JVM only and are deleted with it,
 * so the fsync Flink makes on every state file (about 5 ms each on the build machine's disk, on the
 * path of every exactly-once commit) buys nothing here. A deployment's durable store is set with
 * {@code checkpoint_dir} or the cluster's {@code execution.checkpointing.dir}. Prometheus metrics
 * are served on {@code metricsPort} when it is positive.
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

  /**
   * Free space a memory-backed directory must have to take the checkpoints (a soak's reach 0.2 GB).
   */
  static final long MIN_MEMORY_BACKED_BYTES = 1L << 30;

  private static Path checkpointDirectory() {
    try {
      Path parent = checkpointParent(Path.of("/dev/shm"), MIN_MEMORY_BACKED_BYTES);
      Path dir = Files.createTempDirectory(parent, "chaoscast-checkpoints-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir)));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a checkpoint directory", e);
    }
  }

  /**
   * {@code shm} when it is a writable directory with {@code minBytes} free, else the temp
   * directory.
   */
  static Path checkpointParent(Path shm, long minBytes) {
    try {
      if (Files.isDirectory(shm)
          && Files.isWritable(shm)
          && Files.getFileStore(shm).getUsableSpace() >= minBytes) {
        return shm;
      }
    } catch (IOException e) {
      // not usable: fall back to the temp directory
    }
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  /** Best effort at exit: the directory is a temporary one. */
  private static void deleteRecursively(Path dir) {
    FileUtils.deleteDirectoryQuietly(dir.toFile());
  }
}
