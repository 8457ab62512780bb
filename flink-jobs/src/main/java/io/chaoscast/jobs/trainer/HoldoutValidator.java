package io.chaoscast.jobs.trainer;

import io.chaoscast.models.artifact.ModelArtifacts;
import io.chaoscast.models.evaluation.EvaluationResult;
import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.metrics.Standardisation;
import io.chaoscast.models.training.Dataset;
import io.chaoscast.models.training.Validation;
import java.nio.file.Path;

/**
 * Scores a model on the most recent stretch of a stream's history, which its fit never saw: the
 * project's offline protocol ({@link Validation#evaluate}: forecast origins in the held-out
 * stretch, contexts of the job's length reaching back before it, valid prediction time per origin
 * as in {@link io.chaoscast.models.metrics.ValidPredictionTime}). The artifact is loaded from disk,
 * so what is scored is exactly what would be announced.
 */
final class HoldoutValidator {

  private final int contextLength;
  private final int horizonSteps;

  HoldoutValidator(int contextLength, int horizonSteps) {
    this.contextLength = contextLength;
    this.horizonSteps = horizonSteps;
  }

  /**
   * @param history the whole history; its last {@code history.size() - fitEnd} samples are held out
   * @param fitEnd the first held-out sample
   */
  EvaluationResult artifact(Path dir, Dataset history, int fitEnd) {
    try (var loaded = ModelArtifacts.load(dir, history.channels())) {
      return forecaster(loaded.forecaster(), history, fitEnd);
    }
  }

  /** Any forecaster (a baseline for reference) on the same held-out stretch. */
  EvaluationResult forecaster(Forecaster f, Dataset history, int fitEnd) {
    // The normalisation of the fitted part: the errors are on the scale the candidates trained on.
    Standardisation norm = Standardisation.fit(history.slice(0, fitEnd).values());
    return Validation.evaluate(f, history, fitEnd, norm, contextLength, horizonSteps);
  }
}
