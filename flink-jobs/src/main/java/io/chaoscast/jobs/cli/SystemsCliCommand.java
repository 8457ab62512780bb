package io.chaoscast.jobs.cli;

import io.chaoscast.models.cli.SystemInfo;
import io.chaoscast.models.cli.SystemsCommand;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "systems",
    mixinStandardHelpOptions = true,
    description =
        "List the built-in dynamical systems with their reference Lyapunov exponent and period.")
final class SystemsCliCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    var out = System.out;
    out.println(
        String.format(
            Locale.ROOT,
            "%-28s %-6s %4s %12s %10s  %s",
            "name",
            "kind",
            "dim",
            "lambda_1",
            "period",
            "source"));
    for (SystemInfo s : SystemsCommand.standard().list()) {
      out.println(
          String.format(
              Locale.ROOT,
              "%-28s %-6s %4d %12.4g %10.4g  %s",
              s.name(),
              s.kind(),
              s.dimension(),
              s.lyapunovExponent(),
              s.period(),
              s.lyapunovSource()));
    }
    return 0;
  }
}
