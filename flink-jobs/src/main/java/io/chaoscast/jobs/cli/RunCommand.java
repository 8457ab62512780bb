package io.chaoscast.jobs.cli;

import io.chaoscast.jobs.config.JobConfigLoader;
import io.chaoscast.jobs.pipeline.ForecastingJob;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run the forecasting job against an external Kafka, configured by a YAML file.")
final class RunCommand implements Callable<Integer> {

  @Option(names = "--config", required = true, description = "Job configuration (YAML).")
  Path config;

  @Override
  public Integer call() throws Exception {
    var jobConfig = new JobConfigLoader().load(config);
    // Local MiniCluster when started with java, the cluster when submitted with `flink run`.
    var env = StreamExecutionEnvironment.getExecutionEnvironment();
    ForecastingJob.fromConfig(jobConfig).execute(env);
    return 0;
  }
}
