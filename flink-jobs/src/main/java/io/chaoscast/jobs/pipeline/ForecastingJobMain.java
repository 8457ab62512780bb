package io.chaoscast.jobs.pipeline;

import io.chaoscast.jobs.config.InvalidConfigException;
import io.chaoscast.jobs.config.JobConfigLoader;
import java.nio.file.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job jar's entry class, for {@code flink run}, the REST API's {@code /jars/{id}/run} and the
 * Flink Kubernetes Operator's {@code entryClass}: one argument, the job YAML, loaded and validated
 * before any operator exists, then the job on whatever environment Flink hands the program. No
 * command-line framework and no local cluster: restarts, slots and state belong to the cluster.
 */
public final class ForecastingJobMain {

  static final String USAGE = "usage: ForecastingJobMain <job.yaml>";

  private ForecastingJobMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1 || args[0].isBlank()) {
      // The message reaches the submitter (REST answer, `flink run` output), so it says what to
      // pass.
      throw new InvalidConfigException(
          USAGE + ": expected exactly one argument, the path of the job YAML, got " + args.length);
    }
    var config = new JobConfigLoader().load(Path.of(args[0]));
    ForecastingJob.fromConfig(config).execute(StreamExecutionEnvironment.getExecutionEnvironment());
  }
}
