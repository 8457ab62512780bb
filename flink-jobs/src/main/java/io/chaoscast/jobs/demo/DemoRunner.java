package io.chaoscast.jobs.demo;

import io.chaoscast.connectors.embedded.EmbeddedKafkaBroker;
import io.chaoscast.connectors.kafka.KafkaEndpoint;
import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.connectors.serde.Json;
import io.chaoscast.connectors.synthetic.ObservationGenerator;
import io.chaoscast.connectors.synthetic.SyntheticStreams;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.health.FaultStatus;
import io.chaoscast.jobs.pipeline.ForecastingJob;
import io.chaoscast.jobs.pipeline.JobWatch;
import io.chaoscast.jobs.pipeline.LocalCluster;
import io.chaoscast.loadtest.LatencyProbe;
import io.chaoscast.loadtest.PrometheusScrape;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;

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
      return runJob(config);
    } finally {
      if (broker != null) broker.close();
    }
  }

  /** The name the demo serves {@code --model} under. */
  static final String MODEL = "demo-model";

  private JobConfig jobConfig(String bootstrap) {
    JobConfig d = JobConfig.defaults();
    String run = UUID.randomUUID().toString().substring(0, 8);
    JobConfig config =
        new JobConfig(
            new JobConfig.Kafka(
                bootstrap,
                "chaoscast-demo-" + run,
                "chaoscast-demo-" + run,
                options.clientProperties(),
                false),
            d.topics(),
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
            options.model() == null
                ? d.models()
                : List.of(
                    new JobConfig.ModelEntry(MODEL, options.model().toString(), "auto", null)),
            d.modelRoot(),
            options.model() == null
                ? d.routing()
                : List.of(new JobConfig.RouteRule("(lorenz63|rossler)-.*", MODEL, null)),
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
    log.println(
        "generating "
            + streams.size()
            + " streams at "
            + options.rateHz()
            + " Hz each: "
            + String.join(", ", streams.keySet()));

    long start = System.currentTimeMillis();
    long end = options.duration() == null ? Long.MAX_VALUE : start + options.duration().toMillis();
    var status = new StatusLine(log, generator, probe, watch, () -> faults(port), start, end);
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
    // Let the last checkpoint commit what is in flight before the summary is taken.
    Thread.sleep(2 * config.checkpointIntervalMs() + 500);
    probe.stop();
    probeThread.join(10_000);
    int restarts = watch.restarts();
    if (problem == null && watch.failed()) problem = "the job failed";
    watch.close();
    if (!watch.failed()) client.cancel().get(30, TimeUnit.SECONDS);

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
            problem);
    status.printFinal(summary);
    if (options.summaryJson() != null) {
      Files.write(
          options.summaryJson(),
          Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(summary));
      log.println("summary written to " + options.summaryJson());
    }
    return summary;
  }

  /** The job's fault gauges from its own Prometheus endpoint; none while it cannot be read. */
  private static FaultStatus faults(int metricsPort) {
    try {
      return FaultStatus.of(PrometheusScrape.of(metricsPort));
    } catch (IOException e) {
      return FaultStatus.NONE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FaultStatus.NONE;
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
