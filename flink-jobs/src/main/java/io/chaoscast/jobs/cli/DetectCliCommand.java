package io.chaoscast.jobs.cli;

import io.chaoscast.models.cli.DetectCommand;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "detect",
    mixinStandardHelpOptions = true,
    description =
        "Run the drift and stability monitor (same code, same defaults as the service) over a recorded series.")
final class DetectCliCommand implements Callable<Integer> {

  @Option(
      names = "--csv",
      required = true,
      description = "Series: header, time in seconds, then channels.")
  Path csv;

  @Option(names = "--json", description = "Print one JSON object on stdout.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Arguments.requireFile(csv);
    var result = DetectCommand.detect(csv);
    if (json) System.out.println(result.toJson());
    else System.err.print(result.toText());
    return 0;
  }
}
