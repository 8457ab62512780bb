package io.chaoscast.jobs.cli;

import io.chaoscast.connectors.serde.Json;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.config.JobConfig.Delivery;
import io.chaoscast.jobs.loadtest.LoadTestOptions;
import io.chaoscast.jobs.loadtest.LoadTestRunner;
import io.chaoscast.loadtest.LoadProfile;
import io.chaoscast.loadtest.LoadTestCharts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "loadtest",
    mixinStandardHelpOptions = true,
    description =
        "Offer the same load to a passthrough job and to the forecasting job and compare what each sustains.")
final class LoadtestCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--duration",
      defaultValue = "60s",
      description = "Length of each of the two runs (default ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(
      names = "--profile",
      defaultValue = "uniform",
      description =
          "uniform (--streams x --channels at --rate), eeg (64 channels at 256 Hz) or industrial (3"
              + " channels, rates spread 1-100 Hz) (default ${DEFAULT-VALUE}).")
  String profile;

  @Option(
      names = "--bad-fraction",
      defaultValue = "0",
      description = "Fraction of records sent malformed (default ${DEFAULT-VALUE}).")
  double badFraction;

  @Option(
      names = "--streams",
      defaultValue = "100",
      description = "Streams (default ${DEFAULT-VALUE}).")
  int streams;

  @Option(
      names = "--channels",
      defaultValue = "3",
      description = "Channels per stream (default ${DEFAULT-VALUE}).")
  int channels;

  @Option(
      names = "--rate",
      defaultValue = "100",
      description = "Samples per second per stream (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--model",
      split = ",",
      defaultValue = "nvar",
      description =
          "Forecasting model(s), comma-separated: nvar, persistence or a model directory such as"
              + " models/default (default ${DEFAULT-VALUE}). Each is run in turn against one"
              + " passthrough baseline.")
  List<String> models;

  @Option(
      names = "--max-batch",
      split = ",",
      description =
          "Batching bound(s), comma-separated (batching.max_batch; default: the job's default)."
              + " Each is run with every model.")
  List<Integer> maxBatches;

  @Option(
      names = "--delivery",
      defaultValue = "AT_LEAST_ONCE",
      description = "exactly_once or at_least_once (default ${DEFAULT-VALUE}).")
  Delivery delivery;

  @Option(
      names = "--parallelism",
      defaultValue = "2",
      description = "Job parallelism (default ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(
      names = "--max-out-of-orderness-ms",
      description =
          "The forecasting job's watermark bound, event_time.max_out_of_orderness_ms (default: the"
              + " job's default).")
  Long maxOutOfOrdernessMs;

  @Option(
      names = "--ordering",
      defaultValue = "SORT",
      description =
          "The forecasting job's event_time.ordering: sort (wait for the watermark) or arrival"
              + " (default ${DEFAULT-VALUE}).")
  JobConfig.Ordering ordering;

  @Option(
      names = "--network-buffer-timeout-ms",
      description = "Both jobs' network_buffer_timeout_ms (default: the job's default).")
  Long networkBufferTimeoutMs;

  @Option(
      names = "--no-drift",
      description = "Run the forecasting job without its drift monitor (drift.enabled: false).")
  boolean noDrift;

  @Option(names = "--report", description = "Write report.md and result.json to this directory.")
  Path report;

  @Option(names = "--json", description = "Print the result as one JSON object on stdout.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    for (String model : models) {
      if (!model.equals("nvar")
          && !model.equals("persistence")
          && !LoadTestOptions.isArtifact(model)) {
        throw new IllegalArgumentException(
            "--model must be nvar, persistence or a model directory (with manifest.json), not "
                + model);
      }
    }
    JobConfig defaults = JobConfig.defaults();
    var result =
        new LoadTestRunner(
                new LoadTestOptions(
                    duration,
                    LoadProfile.of(profile, streams, channels, rate, badFraction),
                    models,
                    maxBatches != null ? maxBatches : List.of(defaults.batching().maxBatch()),
                    delivery,
                    parallelism,
                    maxOutOfOrdernessMs != null
                        ? maxOutOfOrdernessMs
                        : defaults.eventTime().maxOutOfOrdernessMs(),
                    ordering,
                    networkBufferTimeoutMs != null
                        ? networkBufferTimeoutMs
                        : defaults.networkBufferTimeoutMs(),
                    !noDrift,
                    report),
                System.err)
            .run();
    String command =
        "./forecaster " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    if (report != null) {
      Files.createDirectories(report);
      Files.writeString(report.resolve("report.md"), result.toMarkdown(command));
      Files.write(
          report.resolve("result.json"),
          Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(result));
      LoadTestCharts.write(report, result);
    }
    System.err.print(result.toMarkdown(command));
    if (json) System.out.println(Json.mapper().writeValueAsString(result));
    return 0;
  }
}
