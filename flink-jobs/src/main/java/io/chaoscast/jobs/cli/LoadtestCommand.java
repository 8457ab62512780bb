package io.chaoscast.jobs.cli;

import io.chaoscast.connectors.serde.Json;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.config.JobConfig.Delivery;
import io.chaoscast.jobs.loadtest.CapacityRunner;
import io.chaoscast.jobs.loadtest.LoadTestOptions;
import io.chaoscast.jobs.loadtest.LoadTestRunner;
import io.chaoscast.jobs.loadtest.SoakRunner;
import io.chaoscast.loadtest.LoadProfile;
import io.chaoscast.loadtest.LoadTestCharts;
import io.chaoscast.loadtest.SoakReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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
      defaultValue = "ADAPTIVE",
      description =
          "The forecasting job's event_time.ordering: adaptive (wait for the watermark only in"
              + " streams that showed disorder), sort (always wait) or arrival (never wait)"
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

  @Option(
      names = "--latency-log",
      paramLabel = "FILE",
      description =
          "Append one line per forecast the consumer saw (run, visible ms, observation ms,"
              + " stream) to FILE; with checkpoint-breakdown.py --trigger-log,"
              + " load-tests/tools/commit-delay.py reads how long exactly-once commits take to"
              + " become visible (docs/loadtest.md). Not with --soak or --capacity.")
  Path latencyLog;

  @Option(names = "--json", description = "Print the result as one JSON object on stdout.")
  boolean json;

  @Option(
      names = "--soak",
      description =
          "Soak mode: the forecasting job alone (first --model and --max-batch) for --duration, with"
              + " every hostile record class at --bad-fraction and --distinct-streams rotating ids;"
              + " heap, checkpoint size, live streams and lag are sampled into <report>/soak.csv"
              + " and judged bounded or not in <report>/report.md (needs --report).")
  boolean soak;

  @Option(
      names = "--distinct-streams",
      defaultValue = "0",
      description =
          "Soak mode: stream ids the odd --streams slots rotate through over the run (even slots"
              + " keep one id each; 0: fixed ids;"
              + " default ${DEFAULT-VALUE}).")
  int distinctStreams;

  @Option(
      names = "--sample-every",
      defaultValue = "10s",
      description = "Soak mode: time between two samples (default ${DEFAULT-VALUE}).")
  Duration sampleEvery;

  @Option(
      names = "--state-ttl",
      description =
          "Soak mode: the job's stream_state_ttl_ms, how long a stream's state outlives its last"
              + " record (default: the job's default, 24 h).")
  Duration stateTtl;

  @Option(
      names = "--capacity",
      description =
          "Capacity search (needs --report and --rates): the passthrough, then each --model, at"
              + " each of --rates in ascending order for --duration each, a job's ladder stopping"
              + " at the first rate it does not hold. A job holds a rate when, over the run after"
              + " its 20%% warm-up, it sustains >= 98%% of the offered events/s (its records_in"
              + " counter), its lag ends no more than one second of offered load above where it"
              + " started, it does not restart, and its p99 end-to-end latency is <="
              + " --p99-bound-ms. Each finished run is appended to <report>/capacity.jsonl; a"
              + " rerun with the same options skips the runs already there (and the rates above"
              + " one a job did not hold) and refuses a directory holding runs of other options."
              + " Writes <report>/capacity.md (highest rate held per job, its p50/p99 and ratio"
              + " to the passthrough's; every run) and <report>/capacity.png.")
  boolean capacity;

  @Option(
      names = "--rates",
      split = ",",
      description =
          "Capacity search: offered rates in events/s, comma-separated. Each is offered by the"
              + " uniform profile with rate / --rate streams of --channels channels (so each"
              + " rate must be a multiple of --rate; --streams is not used).")
  List<Long> rates;

  @Option(
      names = "--p99-bound-ms",
      defaultValue = "50",
      description =
          "Capacity search: the p99 latency a job must stay within to hold a rate (default"
              + " ${DEFAULT-VALUE}).")
  double p99BoundMs;

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
    var options =
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
            report);
    String command =
        "./forecaster " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    if (soak && capacity)
      throw new IllegalArgumentException("--soak and --capacity exclude each other");
    if (latencyLog != null && (soak || capacity))
      throw new IllegalArgumentException("--latency-log is for the plain load test only");
    if (soak) return soak(options, command);
    if (capacity) return capacity(options, command);
    if (rates != null) throw new IllegalArgumentException("--rates is for --capacity only");
    var result = new LoadTestRunner(options, System.err, latencyLog).run();
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

  private int capacity(LoadTestOptions options, String command) throws Exception {
    if (report == null) {
      throw new IllegalArgumentException(
          "--capacity needs --report <dir> (capacity.jsonl, capacity.md and capacity.png go there)");
    }
    if (rates == null || rates.isEmpty()) {
      throw new IllegalArgumentException(
          "--capacity needs --rates, e.g. --rates 2000,5000,10000 (events/s)");
    }
    if (spec.commandLine().getParseResult().hasMatchedOption("--streams")) {
      throw new IllegalArgumentException(
          "--capacity derives the streams from each of --rates (rate / --rate): drop --streams");
    }
    if (json) {
      throw new IllegalArgumentException(
          "--json is not offered with --capacity: every run is a JSON line in <report>/capacity.jsonl");
    }
    var runner =
        new CapacityRunner(new CapacityRunner.Options(options, rates, p99BoundMs), System.err);
    var result = runner.run(report, command);
    System.err.print(result.toMarkdown(command));
    return 0;
  }

  private int soak(LoadTestOptions options, String command) throws Exception {
    if (report == null) {
      throw new IllegalArgumentException("--soak needs --report <dir> (its samples go there)");
    }
    if (distinctStreams < 0) throw new IllegalArgumentException("--distinct-streams must be >= 0");
    Duration ttl =
        stateTtl != null ? stateTtl : Duration.ofMillis(JobConfig.defaults().streamStateTtlMs());
    var samples =
        new SoakRunner(
                new SoakRunner.Options(options, distinctStreams, sampleEvery, ttl), System.err)
            .run(report);
    String describe =
        options.profile().describe()
            + String.format(
                Locale.ROOT,
                "; %d distinct stream ids; state TTL %s; %s delivery, parallelism %d; model %s",
                distinctStreams,
                ttl,
                options.delivery().name().toLowerCase(Locale.ROOT),
                options.parallelism(),
                options.models().get(0));
    double offered = options.profile().offeredEventsPerS();
    String markdown = SoakReport.toMarkdown(command, describe, offered, samples);
    Files.writeString(report.resolve("report.md"), markdown);
    SoakReport.chart(report.resolve("soak.png"), samples);
    System.err.print(markdown);
    return SoakReport.trends(samples, offered).stream().allMatch(SoakReport.Trend::bounded) ? 0 : 1;
  }
}
