package io.chaoscast.jobs.loadtest;

import io.chaoscast.connectors.embedded.EmbeddedKafkaBroker;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.pipeline.ForecastingJob;
import io.chaoscast.jobs.pipeline.LocalCluster;
import io.chaoscast.loadtest.JobRun;
import io.chaoscast.loadtest.LatencyProbe;
import io.chaoscast.loadtest.LoadGenerator;
import io.chaoscast.loadtest.LoadTestResult;
import io.chaoscast.loadtest.PrometheusScrape;
import io.chaoscast.loadtest.TimelinePoint;
import io.chaoscast.loadtest.VisibilityLog;
import io.chaoscast.loadtest.capacity.Measurement;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;

/**
 * {@code ./forecaster loadtest}: offers the same open-loop load first to the passthrough job, then
 * to the forecasting job with each model and batch bound in turn, each on a fresh set of topics on
 * one embedded broker, and compares what each sustained. Progress (rate, lag, time left) is printed
 * every 5 seconds.
 */
public final class LoadTestRunner {

  static final String RECORDS_IN = "flink_taskmanager_job_task_operator_chaoscast_records_in";
  private static final String RESTARTS = "flink_jobmanager_job_numRestarts";

  /** Progress lines (and timeline points) every 5 s, or a tenth of a short run. */
  private static final long PROGRESS_EVERY_MS = 5_000;

  /**
   * The first part of each run is not measured: the job starts, JIT compiles, fills its windows.
   */
  private static final double WARMUP_FRACTION = 0.2;

  private final LoadTestOptions options;
  private final PrintStream log;
  private final Path visibilityLog;

  public LoadTestRunner(LoadTestOptions options, PrintStream log) {
    this(options, log, null);
  }

  /**
   * @param visibilityLog a file each run appends its forecasts' visibility to ({@link
   *     VisibilityLog}), or null
   */
  public LoadTestRunner(LoadTestOptions options, PrintStream log, Path visibilityLog) {
    this.options = options;
    this.log = log;
    this.visibilityLog = visibilityLog;
  }

  public LoadTestResult run() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      JobRun passthrough = measure(broker, null).run();
      List<JobRun> forecasting = new ArrayList<>();
      for (var variant : options.variants()) forecasting.add(measure(broker, variant).run());
      var load =
          new LoadTestResult.Load(
              options.duration().toMillis() / 1000.0,
              options.profile(),
              options.delivery().name().toLowerCase(Locale.ROOT),
              options.maxOutOfOrdernessMs(),
              options.ordering().name().toLowerCase(Locale.ROOT),
              options.networkBufferTimeoutMs(),
              options.drift());
      return LoadTestResult.of(load, passthrough, forecasting);
    }
  }

  /**
   * One run on fresh topics of {@code broker}: the passthrough when {@code variant} is null, else
   * the forecasting job.
   */
  Measurement measure(EmbeddedKafkaBroker broker, LoadTestOptions.Variant variant)
      throws Exception {
    boolean passthrough = variant == null;
    String name = passthrough ? "passthrough" : variant.model() + " batch " + variant.maxBatch();
    String id =
        (passthrough ? "passthrough" : "forecasting")
            + "-"
            + UUID.randomUUID().toString().substring(0, 6);
    JobConfig config = config(broker.bootstrapServers(), id, variant);
    broker.createTopics(
        Map.of(
            config.topics().observations(), options.parallelism(),
            config.topics().forecasts(), options.parallelism(),
            config.topics().alerts(), 1,
            config.topics().deadLetters(), 1,
            config.topics().skill(), options.parallelism()));

    int port = freePort();
    var env = LocalCluster.environment(options.parallelism(), port, new Configuration());
    if (passthrough) {
      PassthroughJob.build(env, config);
    } else {
      var job = ForecastingJob.fromConfig(config);
      job.configure(env);
      job.build(env);
    }
    var client = env.executeAsync(passthrough ? PassthroughJob.JOB_NAME : ForecastingJob.JOB_NAME);
    var endpoint = config.kafka().endpoint();
    var visibility = visibilityLog == null ? null : new VisibilityLog(visibilityLog, id);
    // closed on every path: a run that fails (the job never starts, an interrupt) leaks no file
    try {
      var probe =
          new LatencyProbe(
              endpoint.properties(),
              config.topics().forecasts(),
              config.topics().alerts(),
              config.topics().deadLetters(),
              null,
              visibility);
      var generator =
          new LoadGenerator(
              config.topics().observations(), endpoint.properties(), options.profile());
      Thread probeThread = daemon(probe, "latency-probe");
      awaitRunning(port, options.parallelism(), name);
      Thread generatorThread = daemon(generator, "load-generator");
      log.printf(
          Locale.ROOT, "%s: %s, %s%n", name, options.profile().describe(), options.duration());

      long start = System.currentTimeMillis();
      long durationMs = options.duration().toMillis();
      long warmupEnd = start + (long) (WARMUP_FRACTION * durationMs);
      long end = start + durationMs;
      double processedAtWarmup = Double.NaN;
      long warmupAt = 0;
      int latencyFrom = 0;
      double lagAtWarmup = Double.NaN;
      double lastProcessed = 0;
      long lastTime = start;
      double lag = 0;
      int latencyAtTick = 0;
      List<TimelinePoint> timeline = new ArrayList<>();
      while (System.currentTimeMillis() < end) {
        long every = Math.max(500, Math.min(PROGRESS_EVERY_MS, durationMs / 10));
        Thread.sleep(Math.min(every, Math.max(1, end - System.currentTimeMillis())));
        long now = System.currentTimeMillis();
        double processed = recordsIn(port);
        if (Double.isNaN(processed)) {
          log.printf(
              Locale.ROOT,
              "[%s %4.0fs] metrics endpoint not answering%n",
              name,
              (now - start) / 1000.0);
          continue;
        }
        lag = generator.sent() - processed;
        if (Double.isNaN(processedAtWarmup) && now >= warmupEnd) {
          processedAtWarmup = processed;
          warmupAt = now;
          lagAtWarmup = lag;
          latencyFrom = probe.latencies().count();
        }
        var latencies = probe.latencies();
        var point =
            new TimelinePoint(
                (now - start) / 1000.0,
                (processed - lastProcessed) / Math.max(1e-3, (now - lastTime) / 1000.0),
                lag,
                latencies.percentile(50, latencyAtTick),
                latencies.percentile(99, latencyAtTick));
        latencyAtTick = latencies.count();
        timeline.add(point);
        log.printf(
            Locale.ROOT,
            "[%s %4.0fs] consumed %8.0f events/s | lag %8.0f | latency p99 %6.0f ms | %ds left%n",
            name,
            point.atS(),
            point.eventsPerS(),
            lag,
            point.latencyMsP99(),
            Math.max(0, (end - now) / 1000));
        lastProcessed = processed;
        lastTime = now;
      }
      // A restart resets the counters, so a run with one has no meaningful sustained figure.
      double restarts = scrape(port, RESTARTS);
      double processedAtEnd = lastProcessed;
      long measuredMs = lastTime - warmupAt;
      generator.stop();
      generatorThread.join(10_000);
      probe.stop();
      probeThread.join(10_000);
      if (visibility != null) visibility.close(); // complete before the job is cancelled
      client.cancel().get(60, TimeUnit.SECONDS);
      if (restarts > 0) {
        log.printf(
            Locale.ROOT,
            "[%s] the job restarted %.0f time(s): its counters were reset, the figures are not valid%n",
            name,
            restarts);
      }

      double sustained =
          restarts > 0 ? Double.NaN : (processedAtEnd - processedAtWarmup) / (measuredMs / 1000.0);
      // Lag that grew by more than one second's worth of offered load over the window is falling
      // behind.
      boolean growing = lag - lagAtWarmup > options.profile().offeredEventsPerS();
      var latencies = probe.latencies();
      var run =
          new JobRun(
              passthrough ? "passthrough" : "forecasting",
              passthrough ? "" : variant.model(),
              passthrough ? 0 : variant.maxBatch(),
              sustained,
              Double.NaN,
              latencies.percentile(50, latencyFrom),
              latencies.percentile(99, latencyFrom),
              growing,
              generator.malformed(),
              probe.deadLetters(),
              probe.lateDeadLetters(),
              List.copyOf(timeline));
      return new Measurement(run, restarts);
    } finally {
      if (visibility != null) visibility.close();
    }
  }

  /** The name a model artifact given by its directory is served under. */
  static final String ARTIFACT_MODEL = "artifact";

  private JobConfig config(String bootstrap, String id, LoadTestOptions.Variant variant) {
    return config(options, bootstrap, id, variant, JobConfig.defaults().streamStateTtlMs());
  }

  /** The configuration of one run of {@code options} (the soak test's too). */
  static JobConfig config(
      LoadTestOptions options,
      String bootstrap,
      String id,
      LoadTestOptions.Variant variant,
      long streamStateTtlMs) {
    JobConfig d = JobConfig.defaults();
    var f = d.forecast();
    // A built-in baseline is the default model; an artifact directory is served to every stream.
    boolean artifact = variant != null && LoadTestOptions.isArtifact(variant.model());
    String baseline = variant == null || artifact ? d.forecast().model() : variant.model();
    return new JobConfig(
        new JobConfig.Kafka(bootstrap, "lt-" + id, "lt-" + id, Map.of(), false),
        new JobConfig.TopicNames(
            "obs-" + id, "out-" + id, "alerts-" + id, "dlq-" + id, "skill-" + id, ""),
        options.delivery(),
        d.checkpointIntervalMs(),
        options.parallelism(),
        options.networkBufferTimeoutMs(),
        streamStateTtlMs,
        new JobConfig.EventTime(
            options.maxOutOfOrdernessMs(),
            d.eventTime().maxTimestampSkewMs(),
            d.eventTime().idleTimeoutMs(),
            options.ordering()),
        new JobConfig.ForecastSettings(
            baseline,
            f.contextLength(),
            f.horizonSteps(),
            f.everySamples(),
            f.embeddingDimension(),
            f.embeddingDelay(),
            f.ridge()),
        variant == null
            ? d.batching()
            : new JobConfig.Batching(variant.maxBatch(), d.batching().maxDelayMs()),
        d.quality(),
        d.remoteInference(),
        artifact
            ? List.of(new JobConfig.ModelEntry(ARTIFACT_MODEL, variant.model(), "auto", null))
            : d.models(),
        d.modelRoot(),
        artifact ? List.of(new JobConfig.RouteRule(".*", ARTIFACT_MODEL, null)) : d.routing(),
        d.drift().withEnabled(options.drift()),
        d.limits(),
        d.tolerableFailedCheckpoints(),
        d.checkpointDir());
  }

  /** Records consumed so far, or NaN when the endpoint does not answer (not up yet, restarting). */
  /**
   * Waits until every subtask reports its records-in counter, i.e. the job is deployed and its
   * operators are open, before the load starts. Load offered while the job is still being deployed
   * (3-5 s here) was a backlog of tens of thousands of records that the job then drained at the few
   * per cent of CPU it had to spare, well into the measured period: the report measured how fast a
   * job catches up after its start, not what it does under the load. Gives up after a minute; the
   * run then goes on and its report shows the backlog.
   */
  private void awaitRunning(int port, int subtasks, String name) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      try {
        if (PrometheusScrape.of(port).named(RECORDS_IN).size() >= subtasks) return;
      } catch (IOException e) {
        // the metrics endpoint is not up yet
      }
      Thread.sleep(200);
    }
    log.printf(
        Locale.ROOT, "[%s] the job did not report within a minute; load starts anyway%n", name);
  }

  private static double recordsIn(int port) {
    return scrape(port, RECORDS_IN);
  }

  static double scrape(int port, String metric) {
    try {
      return PrometheusScrape.of(port).sum(metric);
    } catch (IOException e) {
      return Double.NaN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Double.NaN;
    }
  }

  static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
