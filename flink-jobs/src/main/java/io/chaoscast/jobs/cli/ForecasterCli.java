package io.chaoscast.jobs.cli;

import io.chaoscast.jobs.config.InvalidConfigException;
import io.chaoscast.models.artifact.InvalidArtifactException;
import io.chaoscast.models.cli.MalformedSeriesException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./forecaster}: the single entry point (contract in DESIGN.md and the README). */
@Command(
    name = "forecaster",
    mixinStandardHelpOptions = true,
    version = "chaoscast 0.1.0",
    description = "Streaming forecasts and alerts for chaotic signals.",
    subcommands = {
      DemoCommand.class,
      RunCommand.class,
      SystemsCliCommand.class,
      SimulateCommand.class,
      AnalyzeCommand.class,
      LoadtestCommand.class,
      TrainCliCommand.class,
      EvalCliCommand.class,
      BenchCliCommand.class,
      DetectCliCommand.class,
      AlertsEvalCliCommand.class,
      ServeCommand.class,
      TrainerCommand.class,
      CommandLine.HelpCommand.class
    })
public final class ForecasterCli {

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  /** The configured command line, for callers (and tests) that redirect its output. */
  public static CommandLine commandLine() {
    return new CommandLine(new ForecasterCli())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .registerConverter(java.time.Duration.class, new DurationConverter())
        .setExecutionExceptionHandler(ForecasterCli::onError);
  }

  /**
   * Misconfiguration, unusable model files and unreadable series files are the user's to fix: print
   * what to fix, no stack trace, exit 2. A failed read or write of the user's files (a full disk, a
   * directory that is not writable) is the machine's: print which file and why, exit 1; a rerun of
   * {@code train} or {@code bench} resumes from what was written before it.
   */
  static int onError(Exception e, CommandLine cmd, CommandLine.ParseResult parsed)
      throws Exception {
    if (e instanceof InvalidConfigException
        || e instanceof IllegalArgumentException
        || e instanceof InvalidArtifactException
        || e instanceof MalformedSeriesException) {
      cmd.getErr().println("error: " + e.getMessage());
      return 2;
    }
    if (e instanceof IOException || e instanceof UncheckedIOException) {
      cmd.getErr().println("error: " + e.getMessage());
      return 1;
    }
    throw e;
  }
}
