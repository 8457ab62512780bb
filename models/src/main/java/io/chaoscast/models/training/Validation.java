package io.chaoscast.models.training;

import io.chaoscast.models.evaluation.EvaluationResult;
import io.chaoscast.models.evaluation.ForecastEvaluation;
import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.metrics.Standardisation;

/**
 * Scores a candidate on the validation segment [trainEnd, n) of a training series: origins lie in
 * that segment (their contexts may reach back into the fitting segment, which is input, not
 * target), the horizon is at most half the segment, and ten origins are used. The score used for
 * model selection and early stopping is the mean VPT (in Lyapunov times if lambda_1 is known, else
 * in steps).
 */
public final class Validation {

  public static final int ORIGINS = 10;

  private Validation() {}

  public static EvaluationResult evaluate(
      Forecaster f, Dataset data, int trainEnd, Standardisation norm, int context, int horizon) {
    int validation = data.size() - trainEnd;
    int h = Math.max(1, Math.min(horizon, validation / 2));
    Dataset segment = data.slice(trainEnd - context, data.size());
    int origins = Math.min(ORIGINS, Math.max(1, validation - h + 1));
    return ForecastEvaluation.evaluate(
        f, segment.values(), norm, context, h, origins, data.dt(), data.lyapunovExponent());
  }

  /** The selection score of a result: mean VPT in Lyapunov times, or in steps when unknown. */
  public static double score(EvaluationResult r) {
    return Double.isFinite(r.vptLyapunov()) ? r.vptLyapunov() : r.vptSteps();
  }
}
