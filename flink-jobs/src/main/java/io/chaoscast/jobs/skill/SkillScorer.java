package io.chaoscast.jobs.skill;

import io.chaoscast.connectors.schema.Forecast;
import io.chaoscast.connectors.schema.ForecastSkill;
import io.chaoscast.models.metrics.Smape;
import io.chaoscast.models.metrics.ValidPredictionTime;
import java.util.Arrays;

/**
 * Scores a forecast against its actuals: sMAPE per step (0-200 scale) and valid prediction time
 * from the models' metric definitions, plus the root-mean-square error per step, all on values
 * standardised with one {@link RunningScale}.
 */
public final class SkillScorer {

  private SkillScorer() {}

  /**
   * @param actuals row k is the actual at forecast step k, or null where none arrived; only the
   *     leading run of non-null rows is scored
   * @return null when the first step has no actual
   */
  public static ForecastSkill score(Forecast forecast, double[][] actuals, RunningScale scale) {
    return score(forecast, actuals, scale, SkillFunction.CHAMPION);
  }

  /**
   * @param role {@link SkillFunction#CHAMPION} or {@link SkillFunction#CHALLENGER}: whether the
   *     forecast was published
   */
  public static ForecastSkill score(
      Forecast forecast, double[][] actuals, RunningScale scale, String role) {
    int steps = 0;
    while (steps < actuals.length && actuals[steps] != null) steps++;
    if (steps == 0) return null;
    double[][] f = new double[steps][];
    double[][] y = new double[steps][];
    double[] error = new double[steps];
    for (int k = 0; k < steps; k++) {
      f[k] = scale.standardise(forecast.values()[k]);
      y[k] = scale.standardise(actuals[k]);
      double sum = 0;
      for (int c = 0; c < f[k].length; c++) sum += (f[k][c] - y[k][c]) * (f[k][c] - y[k][c]);
      error[k] = Math.sqrt(sum / f[k].length);
    }
    double[] smape = Smape.perStep(f, y);
    double dtSeconds = forecast.sampleIntervalMillis() / 1000.0;
    var vpt = ValidPredictionTime.of(f, y, dtSeconds, Double.NaN);
    return new ForecastSkill(
        forecast.stream(),
        forecast.issuedAtMillis(),
        forecast.modelId(),
        forecast.sampleIntervalMillis(),
        forecast.horizonSteps(),
        steps,
        Arrays.stream(smape).average().orElse(Double.NaN),
        smape,
        error,
        vpt.steps(),
        vpt.seconds(),
        forecast.model(),
        role);
  }
}
