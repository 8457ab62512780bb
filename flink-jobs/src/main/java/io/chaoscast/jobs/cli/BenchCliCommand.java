package io.chaoscast.jobs.cli;

import io.chaoscast.models.cli.BenchCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Run the forecasting benchmark protocol over systems and models; resumable, writes a Markdown table.")
final class BenchCliCommand implements Callable<Integer> {

  @Option(
      names = "--suite",
      defaultValue = "quick",
      description =
          "quick, full, or zeroshot (the full suite's 3-D systems forecast by models never"
              + " trained on them: models/universal, parrot, per-window NVAR) (default"
              + " ${DEFAULT-VALUE}).")
  String suite;

  @Option(
      names = "--out",
      defaultValue = "target/bench",
      description =
          "Results directory; finished units are skipped on a rerun (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--epochs",
      description =
          "Most stage-1 epochs for mamba/phyxmamba (default: 6 for quick, the train default for full).")
  Integer epochs;

  @Override
  public Integer call() throws Exception {
    if (!List.of("quick", "full", "zeroshot").contains(suite))
      throw new IllegalArgumentException("--suite must be quick, full or zeroshot");
    var report = BenchCommand.run(suite, out, epochs);
    System.err.printf(
        "%d units run, %d reused; table: %s%n",
        report.unitsRun(), report.unitsSkipped(), report.table());
    return 0;
  }
}
