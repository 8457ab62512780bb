package io.chaoscast.jobs.demo;

import io.chaoscast.connectors.embedded.EmbeddedKafkaBroker;
import io.chaoscast.connectors.kafka.KafkaEndpoint;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.connectors.serde.Json;
import io.chaoscast.connectors.synthetic.ObservationGenerator;
import io.chaoscast.connectors.synthetic.SignalSource;
import io.chaoscast.connectors.synthetic.SyntheticStreams;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.pipeline.ForecastingJob;
import io.chaoscast.jobs.pipeline.JobWatch;
import io.chaoscast.jobs.pipeline.LocalCluster;
import io.chaoscast.jobs.trainer.Trainer;
import io.chaoscast.jobs.trainer.TrainerOptions;
import io.chaoscast.jobs.trainer.TrainerSlots;
import io.chaoscast.loadtest.LatencyProbe;
import io.chaoscast.loadtest.PrometheusScrape;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.FileUtils;

/**
 * {@code ./forecaster demo}: embedded Kafka, topics, a generator of synthetic streams, the
 * forecasting job on a local MiniCluster with Prometheus metrics, a read-committed probe, and a
 * status line every few seconds on stderr. The status line and the summary count the job's
 * restarts; the demo stops early and its summary names the problem when the job cannot make
 * progress (it failed, restarted more than {@code maxRestarts} times, or committed nothing for
 * {@code stallTimeout} while input flowed).
 */
public final class DemoRunner {

  private static final long STATUS_EVERY_MS = 5_000;

  /** Bad records are sent every this many generator ticks. */
  private static final int BAD_RECORD_EVERY_TICKS = 250;

  private final DemoOptions options;
  private final PrintStream log;
  private final CountDownLatch stopRequested = new CountDownLatch(1);

  private final UnaryOperator<DataStream<Observation>> afterParse;

  public DemoRunner(DemoOptions options, PrintStream log) {
    this(options, log, UnaryOperator.identity());
  }

  /**
   * @param afterParse a hook on the job's parsed stream (identity in production; tests inject a
   *     failing job with it)
   */
  DemoRunner(
      DemoOptions options, PrintStream log, UnaryOperator<DataStream<Observation>> afterParse) {
    this.options = options;
    this.log = log;
    this.afterParse = afterParse;
  }

  /** Asks a running demo to stop (Ctrl-C does this). */
  public void requestStop() {
    stopRequested.countDown();
  }

  public DemoSummary run() throws Exception {
    EmbeddedKafkaBroker broker = null;
    try {
      String bootstrap = options.bootstrapServers();
      if (bootstrap == null) {
        log.println("starting embedded Kafka (KRaft, 127.0.0.1) ...");
        broker = EmbeddedKafkaBroker.start();
        bootstrap = broker.bootstrapServers();
      }
      JobConfig config = jobConfig(bootstrap);
      if (broker != null) createTopics(broker, config);
      log.println("Kafka: " + bootstrap);
      log.println(
          options.model() == null
              ? "models: " + config.forecast().model() + " for every stream"
              : "models: "
                  + options.model()
                  + " for the lorenz63/rossler streams, "
                  + config.forecast().model()
                  + " for the others (each forecast's model_id says which)");
      if (options.trainer()) {
        log.println(
            "trainer: a challenger slot per stream ("
                + TrainerSlots.PREFIX
                + "<stream>), filled on topic "
                + config.topics().models()
                + "; promotions on topic "
                + config.topics().promotions()
                + " (--no-trainer turns this off)");
      }
      return runJob(config);
    } finally {
      if (broker != null) broker.close();
      if (trainerRoot != null) deleteQuietly(trainerRoot);
    }
  }

  private static void copyDirectory(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path f : files.toList()) {
        if (Files.isRegularFile(f)) Files.copy(f, to.resolve(f.getFileName().toString()));
      }
    }
  }

  private void deleteQuietly(Path dir) {
    try {
      FileUtils.deleteDirectory(dir.toFile());
    } catch (IOException e) {
      log.println("could not remove " + dir + ": " + e.getMessage());
    }
  }

  /** The name the demo serves {@code --model} under. */
  static final String MODEL = "demo-model";

  /** The streams {@code --model} serves. */
  private static final String MODEL_STREAMS = "(lorenz63|rossler)-.*";

  /** The trainer's model_root (a temporary directory), or null without the trainer. */
  private Path trainerRoot;

  private JobConfig jobConfig(String bootstrap) throws IOException {
    JobConfig d = JobConfig.defaults();
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<JobConfig.ModelEntry> models =
        options.model() == null
            ? d.models()
            : List.of(new JobConfig.ModelEntry(MODEL, options.model().toString(), "auto", null));
    List<JobConfig.RouteRule> routing =
        options.model() == null
            ? d.routing()
            : List.of(new JobConfig.RouteRule(MODEL_STREAMS, MODEL, null));
    String modelRoot = d.modelRoot();
    var topics = d.topics();
    if (options.trainer()) {
      // Each stream gets its own challenger slot and rule (before the others), served by the
      // model it would have had; the trainer fills the slots.
      trainerRoot = Files.createTempDirectory("chaoscast-demo-models");
      Map<String, String> champions = new LinkedHashMap<>();
      Map<String, Integer> channels = new LinkedHashMap<>();
      SyntheticStreams.demoMix(options.streams(), 42)
          .forEach(
              (stream, signal) -> {
                champions.put(
                    stream,
                    options.model() != null && stream.matches(MODEL_STREAMS)
                        ? MODEL
                        : d.forecast().model());
                channels.put(stream, signal.channelNames().size());
              });
      var setup =
          TrainerSlots.create(champions, channels, trainerRoot, d.forecast().contextLength());
      if (options.model() != null) {
        // Every configured artifact must lie under model_root: a copy of --model goes there.
        Path copy = trainerRoot.resolve("demo-model");
        copyDirectory(options.model(), copy);
        models = List.of(new JobConfig.ModelEntry(MODEL, copy.toString(), "auto", null));
      }
      models = new ArrayList<>(models);
      models.addAll(setup.models());
      List<JobConfig.RouteRule> rules = new ArrayList<>(setup.rules());
      rules.addAll(routing);
      routing = rules;
      modelRoot = trainerRoot.toString();
      topics =
          new JobConfig.TopicNames(
              topics.observations(),
              topics.forecasts(),
              topics.alerts(),
              topics.deadLetters(),
              topics.skill(),
              "models",
              "promotions");
    }
    JobConfig config =
        new JobConfig(
            new JobConfig.Kafka(
                bootstrap,
                "chaoscast-demo-" + run,
                "chaoscast-demo-" + run,
                options.clientProperties(),
                false),
            topics,
            options.delivery(),
            options.checkpointIntervalMs(),
            options.parallelism(),
            d.networkBufferTimeoutMs(),
            d.streamStateTtlMs(),
            d.eventTime(),
            d.forecast(),
            d.batching(),
            d.quality(),
            d.remoteInference(),
            models,
            modelRoot,
            routing,
            d.drift(),
            d.limits(),
            d.tolerableFailedCheckpoints(),
            d.checkpointDir());
    var problems = config.problems();
    if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
    return config;
  }

  private void createTopics(EmbeddedKafkaBroker broker, JobConfig config) {
    var t = config.topics();
    Map<String, Integer> topics = new LinkedHashMap<>();
    topics.put(t.observations(), config.parallelism());
    topics.put(t.forecasts(), config.parallelism());
    topics.put(t.alerts(), 1);
    topics.put(t.deadLetters(), 1);
    topics.put(t.skill(), config.parallelism());
    if (t.hasModelsTopic()) topics.put(t.models(), 1);
    if (t.hasPromotionsTopic()) topics.put(t.promotions(), 1);
    broker.createTopics(topics);
  }

  private DemoSummary runJob(JobConfig config) throws Exception {
    int port = options.metricsPort() > 0 ? options.metricsPort() : freePortFrom(9249);
    var env = LocalCluster.environment(config.parallelism(), port, new Configuration());
    var job = ForecastingJob.fromConfig(config, afterParse);
    job.configure(env);
    job.build(env);
    JobClient client = env.executeAsync(ForecastingJob.JOB_NAME);
    JobWatch watch = JobWatch.start(client);
    log.println("metrics: http://127.0.0.1:" + port + "/metrics");
    log.println(
        "topics: "
            + config.topics().observations()
            + " -> "
            + config.topics().forecasts()
            + ", "
            + config.topics().skill()
            + ", "
            + config.topics().alerts()
            + ", "
            + config.topics().deadLetters()
            + " (delivery "
            + config.delivery().name().toLowerCase()
            + ")");

    KafkaEndpoint kafka = config.kafka().endpoint();
    var probe =
        new LatencyProbe(
            kafka.properties(),
            config.topics().forecasts(),
            config.topics().alerts(),
            config.topics().deadLetters(),
            config.topics().skill());
    var streams = SyntheticStreams.demoMix(options.streams(), 42);
    var generator =
        new ObservationGenerator(
            streams,
            config.topics().observations(),
            kafka.properties(),
            options.rateHz(),
            BAD_RECORD_EVERY_TICKS);
    Thread probeThread = start(probe, "latency-probe");
    Thread generatorThread = start(generator, "observation-generator");
    Trainer trainer = options.trainer() ? new Trainer(trainerOptions(config), log) : null;
    Thread trainerThread =
        trainer == null
            ? null
            : start(
                () -> {
                  try {
                    trainer.run();
                  } catch (Exception e) {
                    log.println("trainer stopped: " + e);
                  }
                },
                "trainer");
    log.println(
        "generating "
            + streams.size()
            + " streams at "
            + options.rateHz()
            + " Hz each: "
            + String.join(", ", streams.keySet()));

    long start = System.currentTimeMillis();
    long end = options.duration() == null ? Long.MAX_VALUE : start + options.duration().toMillis();
    var status =
        new StatusLine(
            log, generator, probe, watch, () -> scrape(port), trainer != null, start, end);
    var progress =
        new ProgressCheck(options.maxRestarts(), options.stallTimeout().toMillis(), start);
    String problem = null;
    while (System.currentTimeMillis() < end) {
      long wait = Math.min(STATUS_EVERY_MS, end - System.currentTimeMillis());
      if (stopRequested.await(Math.max(1, wait), TimeUnit.MILLISECONDS)) break;
      status.print();
      problem =
          progress.check(
              System.currentTimeMillis(),
              generator.sent(),
              probe.forecasts() + probe.deadLetters() + probe.alertEvents(),
              watch.restarts(),
              watch.failed());
      if (problem != null) {
        log.println("stopping: " + problem);
        break;
      }
    }
    double seconds = (System.currentTimeMillis() - start) / 1000.0;
    generator.stop();
    generatorThread.join(10_000);
    if (trainer != null) {
      trainer.stop();
      trainerThread.join(70_000);
      log.println("trainer: " + trainer.announced() + " challengers announced");
    }
    // Let the last checkpoint commit what is in flight before the summary is taken.
    Thread.sleep(2 * config.checkpointIntervalMs() + 500);
    probe.stop();
    probeThread.join(10_000);
    int restarts = watch.restarts();
    if (problem == null && watch.failed()) problem = "the job failed";
    watch.close();
    if (!watch.failed()) client.cancel().get(30, TimeUnit.SECONDS);

    List<DemoReport.StreamOutcome> report =
        trainer == null
            ? List.of()
            : report(config, kafka, streams, generator.startMillis(), seconds);
    var latencies = probe.latencies();
    DemoSummary summary =
        new DemoSummary(
            seconds,
            config.delivery().name().toLowerCase(),
            streams.size(),
            options.rateHz(),
            generator.sent(),
            generator.badSent(),
            probe.forecasts(),
            probe.deadLetters(),
            probe.alertEvents(),
            probe.openAlerts(),
            generator.sent() / seconds,
            probe.forecasts() / seconds,
            new DemoSummary.Latency(
                latencies.percentile(50, 0), latencies.percentile(99, 0), latencies.count()),
            restarts,
            problem,
            report);
    status.printFinal(summary);
    if (options.summaryJson() != null) {
      Files.write(
          options.summaryJson(),
          Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(summary));
      log.println("summary written to " + options.summaryJson());
    }
    return summary;
  }

  /** The per-stream report of the self-tuning loop: printed, and with --report written. */
  private List<DemoReport.StreamOutcome> report(
      JobConfig config,
      KafkaEndpoint kafka,
      Map<String, SignalSource> streams,
      long startMillis,
      double seconds)
      throws IOException {
    var report =
        new DemoReport(
            kafka.properties(),
            config,
            streams,
            options.rateHz(),
            TRAINER_HISTORY - TRAINER_HOLDOUT,
            log);
    var outcomes = report.outcomes(startMillis, options.report() != null);
    String table = DemoReport.markdown(outcomes);
    log.println("per stream (live VPT: mean valid prediction time of published forecasts):");
    log.print(table);
    if (options.report() != null) {
      String run =
          String.format(
              Locale.ROOT,
              "Run: `./forecaster demo` with %d streams, %.0f s, delivery %s, %s.",
              streams.size(),
              seconds,
              config.delivery().name().toLowerCase(),
              Instant.ofEpochMilli(startMillis));
      Files.writeString(options.report(), report.document(outcomes, table, run));
      log.println("report written to " + options.report());
    }
    return outcomes;
  }

  /** Samples of history the demo's trainer fits and validates on, and the held-out part. */
  static final int TRAINER_HISTORY = 1200;

  static final int TRAINER_HOLDOUT = 200;

  /**
   * The demo's trainer: a stream is first trained after 1,200 samples (24 s at the default 50 Hz),
   * the last 200 held out, and again after 3,000 more; one fit at a time.
   */
  private static TrainerOptions trainerOptions(JobConfig config) {
    return new TrainerOptions(
        config,
        "trainer-" + config.kafka().groupId(),
        Duration.ofSeconds(5),
        TRAINER_HISTORY,
        TRAINER_HOLDOUT,
        3000,
        1000,
        1,
        TrainerOptions.DEFAULT_CANDIDATES,
        null,
        TrainerOptions.DEFAULT_KEEP_VERSIONS,
        Duration.ofSeconds(15));
  }

  /** The job's own Prometheus endpoint; null while it cannot be read. */
  private static PrometheusScrape scrape(int metricsPort) {
    try {
      return PrometheusScrape.of(metricsPort);
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static Thread start(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static int freePortFrom(int first) throws IOException {
    for (int p = first; p < first + 100; p++) {
      try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getByName("0.0.0.0"))) {
        return p;
      } catch (IOException busy) {
        // try the next one
      }
    }
    throw new IOException("no free port in " + first + ".." + (first + 99));
  }
}
