package io.chaoscast.jobs.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description =
        "Estimate delay, embedding dimension, largest Lyapunov exponent and correlation dimension of a CSV series.")
final class AnalyzeCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      description = "CSV file: header, time in seconds, then one column per channel.")
  Path csv;

  @Option(names = "--json", description = "Print one JSON object on stdout.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Arguments.requireFile(csv);
    var result = io.chaoscast.models.cli.AnalyzeCommand.analyze(csv);
    if (json) {
      System.out.println(result.toJson());
    } else {
      System.err.print(result.toText());
    }
    return 0;
  }
}
