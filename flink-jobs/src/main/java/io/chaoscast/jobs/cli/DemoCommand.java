package io.chaoscast.jobs.cli;

import io.chaoscast.jobs.config.JobConfig.Delivery;
import io.chaoscast.jobs.demo.DemoOptions;
import io.chaoscast.jobs.demo.DemoRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Run the whole service on this machine: embedded Kafka, synthetic streams, the job.")
final class DemoCommand implements Callable<Integer> {

  @Option(
      names = "--duration",
      description = "How long to run, e.g. 60s or 5m (default: until Ctrl-C).")
  Duration duration;

  @Option(
      names = "--streams",
      defaultValue = "6",
      description = "Number of synthetic streams (default ${DEFAULT-VALUE}).")
  int streams;

  @Option(
      names = "--rate",
      defaultValue = "50",
      description = "Samples per second per stream (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--metrics-port",
      defaultValue = "0",
      description = "Prometheus port (default: first free from 9249).")
  int metricsPort;

  @Option(names = "--summary-json", description = "Write the final summary to this file.")
  Path summaryJson;

  @Option(
      names = "--bootstrap-servers",
      description = "Use this Kafka instead of the embedded broker (topics must exist).")
  String bootstrapServers;

  @Option(
      names = "--kafka-property",
      description =
          "Kafka client property for --bootstrap-servers, e.g. security.protocol=SASL_SSL (repeatable).")
  Map<String, String> kafkaProperties = new LinkedHashMap<>();

  @Option(
      names = "--delivery",
      defaultValue = "EXACTLY_ONCE",
      description = "exactly_once or at_least_once (default ${DEFAULT-VALUE}).")
  Delivery delivery;

  @Option(
      names = "--checkpoint-interval",
      defaultValue = "1s",
      description =
          "Checkpoint interval (default ${DEFAULT-VALUE}); bounds the visible latency under exactly_once.")
  Duration checkpointInterval;

  @Option(
      names = "--parallelism",
      defaultValue = "2",
      description = "Job parallelism (default ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(
      names = "--model",
      description =
          "Model artifact for the Lorenz63 and Rossler streams (default: the shipped default model,"
              + " models/default; 'none' serves NVAR everywhere).")
  String model;

  @Option(
      names = "--max-restarts",
      defaultValue = "3",
      description =
          "Stop and exit non-zero once the job has restarted more often than this (default ${DEFAULT-VALUE}).")
  int maxRestarts;

  @Option(
      names = "--stall-timeout",
      defaultValue = "60s",
      description =
          "Stop and exit non-zero when no output is committed for this long while input flows (default ${DEFAULT-VALUE}).")
  Duration stallTimeout;

  @Option(
      names = "--trainer",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Run the trainer beside the job (embedded broker only): per-stream challengers fitted"
              + " on each stream's history, announced on a models topic, promoted when they beat"
              + " the champion (default on; --no-trainer turns it off).")
  boolean trainer;

  @Option(
      names = "--report",
      description =
          "With the trainer: write the per-stream report of the self-tuning loop (first forecast,"
              + " trained versions, promotions, live skill before and after) with what each promoted"
              + " model class reaches offline on fresh series of the same kind, as Markdown.")
  Path report;

  /** The shipped default model lives in the repository; the launcher says where that is. */
  private Path demoModel() {
    if ("none".equals(model)) return null;
    if (model != null) return Arguments.requireModelDir(Path.of(model), "--model");
    Path shipped = Path.of(System.getProperty("chaoscast.home", ".")).resolve("models/default");
    if (java.nio.file.Files.isRegularFile(shipped.resolve("manifest.json"))) return shipped;
    System.err.println("demo: no default model at " + shipped + "; serving NVAR to every stream");
    return null;
  }

  @Override
  public Integer call() throws Exception {
    if (streams < 1) throw new IllegalArgumentException("--streams must be at least 1");
    if (rate <= 0) throw new IllegalArgumentException("--rate must be positive");
    if (maxRestarts < 0) throw new IllegalArgumentException("--max-restarts must be >= 0");
    var options =
        new DemoOptions(
            duration,
            streams,
            rate,
            metricsPort,
            summaryJson,
            bootstrapServers,
            kafkaProperties,
            delivery,
            checkpointInterval.toMillis(),
            parallelism,
            demoModel(),
            maxRestarts,
            stallTimeout,
            trainer && bootstrapServers == null,
            report);
    if (trainer && bootstrapServers != null) {
      System.err.println("demo: the trainer runs only with the embedded broker; not starting it");
    }
    var runner = new DemoRunner(options, System.err);
    var finished = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              runner.requestStop();
              try {
                finished.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return runner.run().healthy() ? 0 : 1;
    } finally {
      finished.countDown();
    }
  }
}
