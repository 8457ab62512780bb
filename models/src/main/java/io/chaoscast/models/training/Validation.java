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
    int h = horizon(validation, horizon);
    Dataset segment = data.slice(trainEnd - context, data.size());
    int origins = Math.min(ORIGINS, Math.max(1, validation - h + 1));
    return ForecastEvaluation.evaluate(
        f, segment.values(), norm, context, h, origins, data.dt(), data.lyapunovExponent());
  }

  /**
   * The horizon (steps) of a validation segment of {@code validationPoints} samples: at most half
   * of it, so that several origins fit. A model that stays valid to it at every origin scores the
   * cap, {@code horizon(..) x lambda_1 x dt} Lyapunov times (100 steps, 3.3 LT, in the benchmark).
   */
  public static int horizon(int validationPoints, int horizon) {
    return Math.max(1, Math.min(horizon, validationPoints / 2));
  }

  /**
   * The selection score of a result: mean VPT in Lyapunov times (in steps when lambda_1 is
   * unknown), ties broken by the mean sMAPE over the validation horizon. That horizon is short (at
   * most half the validation segment: 100 steps, 3.3 LT, under the benchmark protocol), so good
   * candidates reach its end at every origin and tie; without the tie-break, selection and early
   * stopping froze at the first candidate that did. The sMAPE term, 0.5 x (1 - sMAPE / 200) of one
   * step per origin, is smaller than the smallest VPT difference between two results (one step at
   * one origin), so it never overrides the VPT.
   */
  public static double score(EvaluationResult r) {
    boolean lyapunov = Double.isFinite(r.vptLyapunov());
    double vpt = lyapunov ? r.vptLyapunov() : r.vptSteps();
    double step = (lyapunov ? r.lyapunovExponentPerSecond() * r.dtSeconds() : 1) / r.origins();
    double smape = r.smapeHorizon();
    if (!Double.isFinite(smape) || !Double.isFinite(step)) return vpt;
    return vpt + 0.5 * step * (1 - Math.min(200, Math.max(0, smape)) / 200);
  }
}
