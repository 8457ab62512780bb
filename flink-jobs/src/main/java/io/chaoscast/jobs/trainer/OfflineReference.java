package io.chaoscast.jobs.trainer;

import io.chaoscast.models.evaluation.EvaluationResult;
import java.nio.file.Path;
import java.util.List;

/**
 * What one of the trainer's model classes reaches offline on a recorded series: fitted exactly as
 * the trainer fits it ({@link CandidateFitter}, on the first {@code fitSamples} samples) and scored
 * by the same held-out protocol ({@link HoldoutValidator}) over the rest of the series, which may
 * be much longer than the trainer's held-out stretch. The reference a live score of a trained model
 * is compared with (issue 17: live skill at least 80% of offline).
 */
public final class OfflineReference {

  private OfflineReference() {}

  /**
   * @param samples the series, rows of channel values; at least {@link CandidateFitter#minHistory}
   *     for the context plus what is scored
   * @param workDir where the artifact is written (the caller removes it)
   * @throws IllegalStateException when the model cannot be fitted, with the trainer's reason
   */
  public static EvaluationResult evaluate(
      String type,
      double[][] samples,
      double dtSeconds,
      int fitSamples,
      int contextLength,
      int horizonSteps,
      Path workDir) {
    var fitter =
        new CandidateFitter(
            List.of(type), contextLength, horizonSteps, samples.length - fitSamples);
    var outcome =
        fitter.fit("offline", new StreamHistory.Snapshot(samples, 0, 0, dtSeconds), workDir);
    return outcome
        .best()
        .map(CandidateFitter.Candidate::holdout)
        .orElseThrow(
            () -> new IllegalStateException(type + " could not be fitted: " + outcome.failures()));
  }
}
