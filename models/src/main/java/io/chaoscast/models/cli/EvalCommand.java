package io.chaoscast.models.cli;

import io.chaoscast.models.artifact.LoadedModel;
import io.chaoscast.models.artifact.ModelArtifacts;
import io.chaoscast.models.artifact.ModelManifest;
import io.chaoscast.models.evaluation.EvaluationResult;
import io.chaoscast.models.evaluation.ForecastEvaluation;
import io.chaoscast.models.metrics.Standardisation;
import io.chaoscast.models.training.Dataset;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code ./forecaster eval --model MODEL_DIR --csv FILE.csv [--horizon H] [--origins N]
 * [--lyapunov-exponent L]}: forecasts from N origins spread over the CSV and scores them under the
 * benchmark protocol ({@link ForecastEvaluation}), standardising with the model's training
 * normalisation from its manifest. Without an exponent, the manifest's training lambda_1 is used.
 */
public final class EvalCommand {

  public static final int DEFAULT_HORIZON = 300;
  public static final int DEFAULT_ORIGINS = 20;

  private EvalCommand() {}

  public static EvaluationResult eval(
      Path modelDir, Path csv, int horizon, int origins, double lyapunovExponent)
      throws IOException {
    Dataset data = Dataset.csv(csv, lyapunovExponent);
    return eval(modelDir, data, horizon, origins);
  }

  /** As above on an in-memory series (its lambda_1 NaN means: take the manifest's). */
  public static EvaluationResult eval(Path modelDir, Dataset data, int horizon, int origins) {
    return run(modelDir, data, horizon, origins).result();
  }

  /** The scores with the standardised forecasts and actuals they came from. */
  public static ForecastEvaluation.Outcome run(
      Path modelDir, Dataset data, int horizon, int origins) {
    try (LoadedModel model = ModelArtifacts.load(modelDir, data.channels())) {
      ModelManifest m = model.manifest();
      double rel = Math.abs(data.dt() - m.sampleIntervalSeconds()) / m.sampleIntervalSeconds();
      if (rel > 0.01) {
        throw new IllegalArgumentException(
            "the series is sampled every "
                + data.dt()
                + " s, the model was trained at "
                + m.sampleIntervalSeconds()
                + " s; resample first");
      }
      double lambda =
          Double.isFinite(data.lyapunovExponent())
              ? data.lyapunovExponent()
              : m.training().lyapunovExponentPerSecond();
      Standardisation norm = new Standardisation(m.normalisationMean(), m.normalisationStd());
      return ForecastEvaluation.run(
          model.forecaster(),
          data.values(),
          norm,
          m.contextLength(),
          horizon,
          origins,
          data.dt(),
          lambda);
    }
  }
}
