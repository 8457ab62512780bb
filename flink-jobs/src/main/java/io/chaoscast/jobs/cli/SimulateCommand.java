package io.chaoscast.jobs.cli;

import io.chaoscast.models.cli.SystemsCommand;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description =
        "Simulate a system after a transient and write it to CSV (time in seconds, then channels).")
final class SimulateCommand implements Callable<Integer> {

  @Parameters(index = "0", description = "System name (see `forecaster systems`).")
  String system;

  @Option(names = "--points", required = true, description = "Samples to write.")
  int points;

  @Option(
      names = "--points-per-lyapunov",
      description = "Samples per Lyapunov time (default: 100 per dominant period).")
  Double pointsPerLyapunov;

  @Option(names = "--out", required = true, description = "Output CSV file.")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (points < 2) throw new IllegalArgumentException("--points must be at least 2");
    var result =
        SystemsCommand.standard()
            .simulate(
                system, points, pointsPerLyapunov == null ? Double.NaN : pointsPerLyapunov, out);
    System.err.printf(
        "wrote %d points of %s (dt %.6g s) to %s%n",
        result.points(), result.system(), result.dtSeconds(), result.file());
    return 0;
  }
}
