package io.chaoscast.jobs.cli;

import io.chaoscast.jobs.replay.JobAlertsEval;
import io.chaoscast.models.cli.AlertsEvalCommand;
import io.chaoscast.models.drift.MonitorConfig;
import io.chaoscast.models.scenarios.AlertTimeline;
import io.chaoscast.models.scenarios.Scenario;
import io.chaoscast.models.scenarios.ScenarioSuite;
import java.nio.file.Files;
import java.nio.file.Path;
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
      description =
          "quick, full, tuning or heldout (default ${DEFAULT-VALUE}); full is resumable; tuning"
              + " is what the settings were chosen on, heldout what they are judged on.")
  String suite;

  @Option(
      names = "--offline",
      description = "Run the monitor directly over each series instead of through the job.")
  boolean offline;

  @Option(
      names = "--out",
      defaultValue = "alerts-eval",
      description =
          "Folder for results.md and one PNG timeline per scenario type (signals, threshold,"
              + " alerts) (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--parallelism",
      defaultValue = "2",
      description = "Job parallelism of the replay (default ${DEFAULT-VALUE}).")
  int parallelism;

  @Override
  public Integer call() throws Exception {
    if (!ScenarioSuite.NAMES.contains(suite)) {
      throw new IllegalArgumentException("--suite must be one of " + ScenarioSuite.NAMES);
    }
    if (parallelism < 1) throw new IllegalArgumentException("--parallelism must be >= 1");
    var result =
        offline ? AlertsEvalCommand.run(suite) : JobAlertsEval.run(suite, parallelism, System.err);
    System.out.print(result.toMarkdown());
    Files.createDirectories(out);
    Files.writeString(
        out.resolve("results.md"),
        "# alerts-eval --suite "
            + suite
            + (offline ? " --offline" : "")
            + "\n\n"
            + result.toMarkdown()
            + "\n"
            + result.toMarkdownDetail());
    // One picture per scenario type: the quick suite has one of each.
    for (Scenario s : ScenarioSuite.quick()) {
      AlertTimeline.write(
          out.resolve("timeline-" + s.name() + ".png"), s, MonitorConfig.defaults());
    }
    System.err.println("wrote " + out.resolve("results.md") + " and the timelines beside it");
    return 0;
  }
}
