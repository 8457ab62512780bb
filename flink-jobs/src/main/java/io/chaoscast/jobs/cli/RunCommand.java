package io.chaoscast.jobs.cli;

import io.chaoscast.jobs.config.JobConfigLoader;
import io.chaoscast.jobs.pipeline.ForecastingJob;
import io.chaoscast.jobs.pipeline.JobWatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

  @Option(
      names = "--max-restarts",
      defaultValue = "10",
      description =
          "Cancel the job and exit non-zero once it has restarted more often than this within"
              + " --restart-window; -1 leaves restarts to the cluster's restart strategy (default"
              + " ${DEFAULT-VALUE}).")
  int maxRestarts;

  @Option(
      names = "--restart-window",
      defaultValue = "10m",
      description = "The window --max-restarts counts restarts in (default ${DEFAULT-VALUE}).")
  Duration restartWindow;

  @Override
  public Integer call() throws Exception {
    var jobConfig = new JobConfigLoader().load(config);
    // Local MiniCluster when started with java, the cluster when submitted with `flink run`.
    var env = StreamExecutionEnvironment.getExecutionEnvironment();
    var job = ForecastingJob.fromConfig(jobConfig);
    job.configure(env);
    job.build(env);
    var client = env.executeAsync(ForecastingJob.JOB_NAME);
    var result = client.getJobExecutionResult();
    try (JobWatch watch = JobWatch.start(client)) {
      int reported = 0;
      while (!result.isDone()) {
        int restarts = watch.restarts();
        if (restarts > reported) {
          System.err.println("run: the job restarted (" + restarts + " restarts so far)");
          reported = restarts;
        }
        if (maxRestarts >= 0 && watch.restartsWithin(restartWindow) > maxRestarts) {
          System.err.println(
              "run: the job restarted more than --max-restarts "
                  + maxRestarts
                  + " times within "
                  + restartWindow
                  + " and is not making progress; cancelling it");
          client.cancel().get(60, TimeUnit.SECONDS);
          return 1;
        }
        try {
          result.get(1, TimeUnit.SECONDS);
        } catch (TimeoutException stillRunning) {
          // poll again
        }
      }
      result.get(); // throws when the job failed: a non-zero exit
      System.err.println("run: the job finished after " + watch.restarts() + " restarts");
      return 0;
    }
  }
}
