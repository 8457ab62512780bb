package io.chaoscast.models.cli;

import io.chaoscast.models.artifact.LoadedModel;
import io.chaoscast.models.artifact.ModelArtifacts;
import io.chaoscast.models.artifact.ModelManifest;
import io.chaoscast.models.ensemble.EnsembleForecaster;
import io.chaoscast.models.evaluation.EvaluationResult;
import io.chaoscast.models.evaluation.ForecastEvaluation;
import io.chaoscast.models.metrics.Standardisation;
import io.chaoscast.models.training.Dataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

  /** Largest relative mismatch of samples per Lyapunov time for a model of several systems. */
  static final double MULTI_SYSTEM_SAMPLING_TOLERANCE = 0.15;

  /**
   * A model forecasts in samples, so the series must be sampled as its training data was. A model
   * of one system was trained at one interval: the series' dt must match it within 1%. A model of
   * several systems (hyperparameter {@code sources}) was trained at one density in samples per
   * Lyapunov time, each system at its own dt, so with the series' lambda_1 known the densities are
   * compared instead, within {@value #MULTI_SYSTEM_SAMPLING_TOLERANCE}.
   */
  static void requireSampling(ModelManifest m, Dataset data) {
    double modelLambda = m.training().lyapunovExponentPerSecond();
    if (m.hyperparameters().containsKey("sources")
        && Double.isFinite(data.lyapunovExponent())
        && Double.isFinite(modelLambda)) {
      double trained = 1 / (m.sampleIntervalSeconds() * modelLambda);
      double given = 1 / (data.dt() * data.lyapunovExponent());
      if (Math.abs(given - trained) / trained > MULTI_SYSTEM_SAMPLING_TOLERANCE) {
        throw new IllegalArgumentException(
            String.format(
                java.util.Locale.ROOT,
                "the series has %.0f samples per Lyapunov time, the model was trained at %.0f;"
                    + " resample first",
                given,
                trained));
      }
      return;
    }
    double rel = Math.abs(data.dt() - m.sampleIntervalSeconds()) / m.sampleIntervalSeconds();
    if (rel > 0.01) {
      throw new IllegalArgumentException(
          "the series is sampled every "
              + data.dt()
              + " s, the model was trained at "
              + m.sampleIntervalSeconds()
              + " s; resample first");
    }
  }

  /** The scores with the standardised forecasts and actuals they came from. */
  public static ForecastEvaluation.Outcome run(
      Path modelDir, Dataset data, int horizon, int origins) {
    return run(List.of(modelDir), data, horizon, origins);
  }

  /**
   * As above for the mean forecast of several models of the same data (members of a seed ensemble,
   * {@link EnsembleForecaster}), standardised with the first one's normalisation.
   */
  public static ForecastEvaluation.Outcome run(
      List<Path> modelDirs, Dataset data, int horizon, int origins) {
    List<LoadedModel> models = new ArrayList<>();
    try {
      for (Path dir : modelDirs) models.add(ModelArtifacts.load(dir, data.channels()));
      ModelManifest m = models.get(0).manifest();
      requireSampling(m, data);
      double lambda =
          Double.isFinite(data.lyapunovExponent())
              ? data.lyapunovExponent()
              : m.training().lyapunovExponentPerSecond();
      Standardisation norm = new Standardisation(m.normalisationMean(), m.normalisationStd());
      return ForecastEvaluation.run(
          EnsembleForecaster.meanOf(models.stream().map(LoadedModel::forecaster).toList()),
          data.values(),
          norm,
          m.contextLength(),
          horizon,
          origins,
          data.dt(),
          lambda);
    } finally {
      models.forEach(LoadedModel::close);
    }
  }
}
