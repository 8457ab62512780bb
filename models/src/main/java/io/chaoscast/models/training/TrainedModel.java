package io.chaoscast.models.training;

import io.chaoscast.models.artifact.ArtifactWeights;
import io.chaoscast.models.evaluation.EvaluationResult;
import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.metrics.Standardisation;
import java.util.Map;

/**
 * A fitted model: the forecaster, how to save it, the normalisation it expects, the selected
 * hyperparameters and its validation scores.
 */
public record TrainedModel(
    Forecaster forecaster,
    ArtifactWeights weights,
    Standardisation normalisation,
    Map<String, Object> hyperparameters,
    EvaluationResult validation) {

  public TrainedModel {
    hyperparameters = Map.copyOf(hyperparameters);
  }
}
