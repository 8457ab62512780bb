package io.chaoscast.jobs.cli;

import io.chaoscast.models.cli.AlertsEvalCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "alerts-eval",
    mixinStandardHelpOptions = true,
    description =
        "Run the drift monitor over scenarios with known change points; report detection delay and false alarms.")
final class AlertsEvalCliCommand implements Callable<Integer> {

  @Option(
      names = "--suite",
      defaultValue = "quick",
      description = "quick or full (default ${DEFAULT-VALUE}); full is resumable.")
  String suite;

  @Override
  public Integer call() {
    if (!suite.equals("quick") && !suite.equals("full"))
      throw new IllegalArgumentException("--suite must be quick or full");
    var result = AlertsEvalCommand.run(suite);
    System.out.print(result.toMarkdown());
    return 0;
  }
}
