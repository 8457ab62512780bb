package io.chaoscast.jobs.cli;

import io.chaoscast.jobs.replay.JobAlertsEval;
import io.chaoscast.models.cli.AlertsEvalCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "alerts-eval",
    mixinStandardHelpOptions = true,
    description =
        "Replay scenarios with known change points through the real job (embedded Kafka, local"
            + " Flink) and report detection delay and false alarms of its alerts.")
final class AlertsEvalCliCommand implements Callable<Integer> {

  @Option(
      names = "--suite",
      defaultValue = "quick",
      description = "quick or full (default ${DEFAULT-VALUE}); full is resumable.")
  String suite;

  @Option(
      names = "--offline",
      description = "Run the monitor directly over each series instead of through the job.")
  boolean offline;

  @Option(
      names = "--parallelism",
      defaultValue = "2",
      description = "Job parallelism of the replay (default ${DEFAULT-VALUE}).")
  int parallelism;

  @Override
  public Integer call() throws Exception {
    if (!suite.equals("quick") && !suite.equals("full"))
      throw new IllegalArgumentException("--suite must be quick or full");
    if (parallelism < 1) throw new IllegalArgumentException("--parallelism must be >= 1");
    var result =
        offline ? AlertsEvalCommand.run(suite) : JobAlertsEval.run(suite, parallelism, System.err);
    System.out.print(result.toMarkdown());
    return 0;
  }
}
