package io.chaoscast.jobs.cli;

import io.chaoscast.models.cli.BenchCommand;
import io.chaoscast.models.cli.TrainCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Run the forecasting benchmark protocol over systems, models and training seeds;"
            + " resumable, writes results.md and results.json (one row per system x model x seed,"
            + " mean and spread over seeds).")
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

  @Option(
      names = "--seeds",
      split = ",",
      description = "Training seeds, comma-separated (default 42,43,44).")
  List<Long> seeds;

  @Option(
      names = "--systems",
      split = ",",
      description = "Only these systems (default: the suite's).")
  List<String> systems;

  @Option(
      names = "--models",
      split = ",",
      description = "Only these models (default: the suite's).")
  List<String> models;

  // null when neither form is given: a negatable option with a default value of true would read
  // --nvar-residual as false
  @Option(
      names = "--nvar-residual",
      negatable = true,
      description =
          "mamba and phyxmamba learn the residual of the bench's NVAR on systems where that NVAR"
              + " forecasts at least 2 Lyapunov times on the fitting segment (see train; default"
              + " on, --no-nvar-residual for the plain networks).")
  Boolean nvarResidual;

  @Option(
      names = "--ensemble",
      defaultValue = "1",
      description =
          "mamba and phyxmamba are seed ensembles of this many members, served as their mean"
              + " (see train; default ${DEFAULT-VALUE}: one model).")
  int ensemble;

  @Option(
      names = "--ensemble-up-to",
      description =
          "mamba, phyxmamba and esn serve 1 to this many seed-ensemble members, the number chosen per"
              + " unit: one model where its validation VPT is below the validation tail's cap,"
              + " else the number whose mean forecast reaches furthest on two selection"
              + " trajectories of the system (never the test series) (default: "
              + BenchCommand.FULL_ENSEMBLE_UP_TO
              + " for the full suite, 1 otherwise; 1 turns the choice off).")
  Integer ensembleUpTo;

  @Override
  public Integer call() throws Exception {
    if (!List.of("quick", "full", "zeroshot").contains(suite))
      throw new IllegalArgumentException("--suite must be quick, full or zeroshot");
    var report =
        BenchCommand.run(
            suite,
            out,
            epochs,
            seeds,
            systems,
            models,
            nvarResidual != null ? nvarResidual : TrainCommand.NVAR_RESIDUAL_BY_DEFAULT,
            ensemble,
            ensembleUpTo);
    System.err.printf(
        "%d units run, %d reused; results: %s, %s%n",
        report.unitsRun(), report.unitsSkipped(), report.table(), report.json());
    return 0;
  }
}
