package io.chaoscast.jobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The inference server's own entry point: the {@code serve} command of {@link ForecasterCli} and
 * nothing else, so that the server's jar (module inference-server) and image carry neither Flink,
 * Kafka nor training code. Same arguments and exit codes as {@code forecaster serve}.
 */
@Command(
    name = "chaoscast-server",
    mixinStandardHelpOptions = true,
    version = "chaoscast 0.1.0",
    description = "The chaoscast inference server (KServe v2 over HTTP or HTTPS).",
    subcommands = {ServeCommand.class, CommandLine.HelpCommand.class})
public final class ServerCli {

  public static void main(String[] args) {
    System.exit(
        new CommandLine(new ServerCli())
            .setExecutionExceptionHandler(ForecasterCli::onError)
            .execute(args));
  }
}
