package io.chaoscast.jobs.cli;

import io.chaoscast.models.cli.EvalCommand;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description =
        "Forecast a held-out series from many origins and print sMAPE and valid prediction time (standardised series).")
final class EvalCliCommand implements Callable<Integer> {

  @Option(
      names = "--model",
      required = true,
      description = "Model directory written by `forecaster train`.")
  Path model;

  @Option(
      names = "--csv",
      required = true,
      description = "Held-out series, sampled like the training data.")
  Path csv;

  @Option(
      names = "--horizon",
      defaultValue = "300",
      description = "Steps ahead (default ${DEFAULT-VALUE}).")
  int horizon;

  @Option(
      names = "--origins",
      defaultValue = "20",
      description = "Forecast origins (default ${DEFAULT-VALUE}).")
  int origins;

  @Option(
      names = "--lyapunov-exponent",
      description = "lambda_1 per second, for Lyapunov-time figures (default: the model's).")
  Double lyapunovExponent;

  @Option(names = "--json", description = "Print one JSON object on stdout.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Arguments.requireFile(csv);
    var result =
        EvalCommand.eval(
            model, csv, horizon, origins, lyapunovExponent == null ? Double.NaN : lyapunovExponent);
    if (json) System.out.println(result.toJson());
    else System.err.println(result.toJson());
    return 0;
  }
}
