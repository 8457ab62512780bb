package io.chaoscast.jobs.loadtest;

import io.chaoscast.jobs.config.JobConfig.Delivery;
import io.chaoscast.jobs.config.JobConfig.Ordering;
import io.chaoscast.loadtest.LoadProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * @param duration how long each run (the passthrough, then every forecasting variant) generates
 *     load
 * @param profile streams, channels, rates and malformed fraction offered
 * @param models forecasting models, each run in turn against the same passthrough baseline: {@code
 *     nvar}, {@code persistence} or a model artifact directory (served to every stream)
 * @param maxBatches batching bounds ({@code batching.max_batch}), each run with every model
 * @param maxOutOfOrdernessMs the forecasting job's watermark bound ({@code
 *     event_time.max_out_of_orderness_ms})
 * @param ordering the forecasting job's {@code event_time.ordering}
 * @param networkBufferTimeoutMs both jobs' {@code network_buffer_timeout_ms}
 * @param drift whether the forecasting job runs its drift monitor ({@code drift.enabled})
 * @param report directory for report.md, result.json and the charts, or null
 */
public record LoadTestOptions(
    Duration duration,
    LoadProfile profile,
    List<String> models,
    List<Integer> maxBatches,
    Delivery delivery,
    int parallelism,
    long maxOutOfOrdernessMs,
    Ordering ordering,
    long networkBufferTimeoutMs,
    boolean drift,
    Path report) {

  public LoadTestOptions {
    if (models.isEmpty() || maxBatches.isEmpty()) {
      throw new IllegalArgumentException("need at least one model and one max batch");
    }
    // each variant is a labelled row and series of the report: a repeat would overwrite one
    requireDistinct(models, "--model");
    requireDistinct(maxBatches, "--max-batch");
    models = List.copyOf(models);
    maxBatches = List.copyOf(maxBatches);
  }

  private static void requireDistinct(List<?> values, String option) {
    if (new java.util.HashSet<>(values).size() != values.size()) {
      throw new IllegalArgumentException(
          option + " lists a value twice (" + values + "): give each once");
    }
  }

  /** The same test offering another load (a capacity search's rung). */
  public LoadTestOptions withProfile(LoadProfile other) {
    return new LoadTestOptions(
        duration,
        other,
        models,
        maxBatches,
        delivery,
        parallelism,
        maxOutOfOrdernessMs,
        ordering,
        networkBufferTimeoutMs,
        drift,
        report);
  }

  /** A model given as a directory (a trained artifact) rather than a built-in baseline's name. */
  public static boolean isArtifact(String model) {
    return java.nio.file.Files.isRegularFile(Path.of(model).resolve("manifest.json"));
  }

  /** One forecasting run of the test. */
  public record Variant(String model, int maxBatch) {}

  /** Every model with every batch bound, models outermost. */
  public List<Variant> variants() {
    List<Variant> v = new ArrayList<>();
    for (String m : models) for (int b : maxBatches) v.add(new Variant(m, b));
    return v;
  }
}
