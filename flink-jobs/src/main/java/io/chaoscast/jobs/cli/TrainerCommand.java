package io.chaoscast.jobs.cli;

import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.config.JobConfigLoader;
import io.chaoscast.jobs.trainer.Trainer;
import io.chaoscast.jobs.trainer.TrainerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "trainer",
    mixinStandardHelpOptions = true,
    description =
        "Fit per-stream challengers in the background and announce them on the job's models"
            + " topic (docs/serving.md#trainer). Reads the job's YAML for Kafka, topics,"
            + " model_root, models and routing.")
final class TrainerCommand implements Callable<Integer> {

  @Option(names = "--config", required = true, description = "The job's configuration (YAML).")
  Path config;

  @Option(
      names = "--bootstrap-servers",
      description = "Kafka to use instead of the configuration's kafka.bootstrap_servers.")
  String bootstrapServers;

  @Option(
      names = "--group-id",
      defaultValue = TrainerOptions.DEFAULT_GROUP_ID,
      description =
          "Consumer group of the trainers; trainers of one group share the streams (default"
              + " ${DEFAULT-VALUE}).")
  String groupId;

  @Option(
      names = "--schedule",
      defaultValue = "30s",
      description =
          "How often due streams are handed to the fitting threads (default ${DEFAULT-VALUE}).")
  Duration schedule;

  @Option(
      names = "--history",
      defaultValue = "2000",
      description =
          "Samples kept per stream; a stream is first trained once it has this many (default"
              + " ${DEFAULT-VALUE}).")
  int history;

  @Option(
      names = "--holdout",
      defaultValue = "400",
      description =
          "The most recent samples of a history, held out of the fit to validate it (default"
              + " ${DEFAULT-VALUE}).")
  int holdout;

  @Option(
      names = "--retrain-after",
      defaultValue = "1000",
      description =
          "New samples since a stream's last announced training before it is trained again"
              + " (default ${DEFAULT-VALUE}).")
  int retrainAfter;

  @Option(
      names = "--max-streams",
      defaultValue = "10000",
      description =
          "Streams whose history is kept, least recently updated evicted (default ${DEFAULT-VALUE}).")
  int maxStreams;

  @Option(
      names = "--max-concurrent-fits",
      defaultValue = "1",
      description = "Fits running at once, one thread each (default ${DEFAULT-VALUE}).")
  int maxConcurrentFits;

  @Option(
      names = "--candidates",
      defaultValue = "nvar,esn",
      split = ",",
      description = "Model types fitted per stream (default ${DEFAULT-VALUE}).")
  List<String> candidates;

  @Option(
      names = "--store",
      description = "Where artifacts are written, under model_root (default <model_root>/trainer).")
  Path store;

  @Option(
      names = "--keep-versions",
      defaultValue = "" + TrainerOptions.DEFAULT_KEEP_VERSIONS,
      description =
          "Versions kept per slot in the store, the newest; older ones are deleted after a newer"
              + " one is announced, 0 keeps all (default ${DEFAULT-VALUE}).")
  int keepVersions;

  @Option(
      names = "--status-every",
      defaultValue = "10s",
      description = "How often the progress line is printed (default ${DEFAULT-VALUE}).")
  Duration statusEvery;

  @Option(names = "--duration", description = "Stop after this long (default: until Ctrl-C).")
  Duration duration;

  @Override
  public Integer call() throws Exception {
    JobConfig job = new JobConfigLoader().load(config);
    if (bootstrapServers != null) {
      if (bootstrapServers.isBlank()) {
        throw new IllegalArgumentException("--bootstrap-servers must not be empty");
      }
      var k = job.kafka();
      job =
          job.withKafka(
              new JobConfig.Kafka(
                  bootstrapServers,
                  k.groupId(),
                  k.transactionalIdPrefix(),
                  k.properties(),
                  k.boundedInput()));
    }
    if (duration != null && (duration.isZero() || duration.isNegative())) {
      throw new IllegalArgumentException("--duration must be positive");
    }
    var options =
        new TrainerOptions(
            job,
            groupId,
            schedule,
            history,
            holdout,
            retrainAfter,
            maxStreams,
            maxConcurrentFits,
            candidates,
            store,
            keepVersions,
            statusEvery);
    var trainer = new Trainer(options, System.err); // fails fast, naming the flag
    var finished = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              trainer.stop();
              try {
                finished.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "trainer-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    Thread timer = null;
    if (duration != null) {
      timer =
          new Thread(
              () -> {
                try {
                  Thread.sleep(duration.toMillis());
                  trainer.stop();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "trainer-duration");
      timer.setDaemon(true);
      timer.start();
    }
    try {
      trainer.run();
      return 0;
    } finally {
      finished.countDown();
      if (timer != null) timer.interrupt();
    }
  }
}
