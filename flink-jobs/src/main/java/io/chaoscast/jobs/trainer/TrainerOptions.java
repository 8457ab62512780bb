package io.chaoscast.jobs.trainer;

import io.chaoscast.jobs.config.JobConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The trainer's settings: the job's configuration (Kafka, topics, model_root, models, routing,
 * context length and horizon) plus its own, each named by its command-line flag in {@link
 * #problems}.
 *
 * @param job the job's configuration, as the job reads it
 * @param groupId the trainers' consumer group: trainers of one group share the streams
 * @param schedule how often due work is handed to the fitting threads
 * @param historySamples samples kept per stream; a stream is first trained when it has this many
 * @param holdoutSamples the most recent samples of a history, held out of the fit and used to
 *     validate it
 * @param retrainAfter new samples since its last announced training before a stream is trained
 *     again
 * @param maxStreams streams whose history is kept (least recently updated evicted)
 * @param maxConcurrentFits fits running at once (each on its own thread)
 * @param candidates model types to fit ({@link CandidateFitter#TYPES})
 * @param store where artifacts go; null: {@code <model_root>/trainer}
 * @param keepVersions versions kept per slot in the store, the newest; older ones are deleted once
 *     a newer one is announced (0: keep every version)
 * @param statusEvery how often the progress line is printed
 */
public record TrainerOptions(
    JobConfig job,
    String groupId,
    Duration schedule,
    int historySamples,
    int holdoutSamples,
    int retrainAfter,
    int maxStreams,
    int maxConcurrentFits,
    List<String> candidates,
    Path store,
    int keepVersions,
    Duration statusEvery) {

  public static final String DEFAULT_GROUP_ID = "chaoscast-trainer";

  /**
   * Versions kept per slot: the one the job serves, the one before it (still served until the job
   * has read the announcement, and named by checkpoints taken before that), and one more.
   */
  public static final int DEFAULT_KEEP_VERSIONS = 3;

  /** The model types fitted per stream: the global NVAR and the ESN. */
  public static final List<String> DEFAULT_CANDIDATES = List.of("nvar", "esn");

  public TrainerOptions {
    candidates = List.copyOf(candidates);
  }

  /** The artifact store: {@code --store}, else {@code <model_root>/trainer}. */
  public Path storeDir() {
    if (store != null) return store.toAbsolutePath().normalize();
    return Path.of(job.modelRoot()).toAbsolutePath().normalize().resolve("trainer");
  }

  /** Everything wrong with these settings, each naming the flag or key to fix; empty when none. */
  public List<String> problems() {
    List<String> p = new ArrayList<>();
    var topics = job.topics();
    if (topics == null || !topics.hasModelsTopic()) {
      p.add("--config: the trainer announces challengers on topics.models; set it");
    }
    if (job.modelRoot() == null) {
      p.add(
          "--config: model_root must be set: the job loads announced artifacts only from under it");
    }
    if (groupId == null || groupId.isBlank()) p.add("--group-id must not be empty");
    if (keepVersions < 0) {
      p.add("--keep-versions " + keepVersions + " must be 0 (keep every version) or more");
    }
    if (schedule == null || schedule.isZero() || schedule.isNegative()) {
      p.add("--schedule must be positive, e.g. 30s");
    }
    if (statusEvery == null || statusEvery.isZero() || statusEvery.isNegative()) {
      p.add("--status-every must be positive, e.g. 10s");
    }
    int context = job.forecast().contextLength();
    int horizon = job.forecast().horizonSteps();
    if (holdoutSamples < 2 * horizon) {
      p.add(
          "--holdout "
              + holdoutSamples
              + " is shorter than twice forecast.horizon_steps ("
              + horizon
              + "): the held-out stretch must cover the horizon from several origins");
    }
    int least = CandidateFitter.minHistory(context, holdoutSamples);
    if (historySamples < least) {
      p.add(
          "--history "
              + historySamples
              + " is too short: with forecast.context_length "
              + context
              + " and --holdout "
              + holdoutSamples
              + " a fit needs at least "
              + least
              + " samples");
    }
    if (retrainAfter < 1) p.add("--retrain-after must be at least 1 sample");
    if (maxStreams < 1) p.add("--max-streams must be at least 1");
    if (maxConcurrentFits < 1) p.add("--max-concurrent-fits must be at least 1");
    if (candidates.isEmpty())
      p.add("--candidates must name at least one of " + CandidateFitter.TYPES);
    for (String c : candidates) {
      if (!CandidateFitter.TYPES.contains(c)) {
        p.add("--candidates: '" + c + "' is not one of " + CandidateFitter.TYPES);
      }
    }
    if (job.modelRoot() != null) {
      Path root = Path.of(job.modelRoot()).toAbsolutePath().normalize();
      if (!storeDir().startsWith(root)) {
        p.add(
            "--store "
                + storeDir()
                + " is not under model_root "
                + root
                + ": the job would refuse its artifacts");
      } else if (Files.exists(storeDir()) && !Files.isDirectory(storeDir())) {
        p.add("--store " + storeDir() + " is not a directory");
      }
    }
    return p;
  }
}
