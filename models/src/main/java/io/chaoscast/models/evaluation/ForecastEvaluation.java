package io.chaoscast.models.evaluation;

import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.metrics.Smape;
import io.chaoscast.models.metrics.Standardisation;
import io.chaoscast.models.metrics.ValidPredictionTime;
import java.util.Arrays;

/**
 * The PhyxMamba / Gilpin (2021) forecasting protocol on one test series.
 *
 * <p>Origins o_1 < ... < o_n are spread evenly over the series so that each has {@code
 * contextLength} samples before it and {@code horizon} after it. All origins are forecast in one
 * batch. Forecasts and actuals are standardised with the training data's per-channel mean and SD
 * ({@link Standardisation}) before scoring; sMAPE at k Lyapunov times is the mean sMAPE over the
 * first round(k / (lambda_1 dt)) steps ({@link Smape#over}); the valid prediction time is {@link
 * ValidPredictionTime} (the number of steps before the cumulative sMAPE first exceeds 30).
 * Summaries: the mean over origins (the statistic PhyxMamba reports) and the median with its
 * interquartile range (more robust, since the VPT distribution over origins is skewed).
 */
public final class ForecastEvaluation {

  private ForecastEvaluation() {}

  /**
   * The scores and what they were computed from: per origin, the forecast and the actuals over the
   * horizon, both standardised with the training data's mean and SD ({@code [origin][step][c]}).
   */
  public record Outcome(EvaluationResult result, double[][][] forecasts, double[][][] actuals) {

    /** D_frac and D_stsp of the pooled forecasts (not computed by {@link #evaluate}: costly). */
    public AttractorGeometry geometry() {
      return AttractorGeometry.compare(actuals, forecasts);
    }
  }

  /** The scores alone; see {@link #run}. */
  public static EvaluationResult evaluate(
      Forecaster forecaster,
      double[][] series,
      Standardisation norm,
      int contextLength,
      int horizon,
      int origins,
      double dt,
      double lyapunovExponent) {
    return run(forecaster, series, norm, contextLength, horizon, origins, dt, lyapunovExponent)
        .result();
  }

  /**
   * @param series time-major test series {@code x[t][c]} in raw units
   * @param norm the training data's standardisation
   * @param lyapunovExponent lambda_1 per second, NaN if unknown (then Lyapunov-time scores are NaN
   *     and the per-origin VPT is in steps)
   */
  public static Outcome run(
      Forecaster forecaster,
      double[][] series,
      Standardisation norm,
      int contextLength,
      int horizon,
      int origins,
      double dt,
      double lyapunovExponent) {
    int[] o = origins(series.length, contextLength, horizon, origins);
    double[][][] contexts = new double[o.length][][];
    for (int i = 0; i < o.length; i++) {
      contexts[i] = Arrays.copyOfRange(series, o[i] - contextLength, o[i]);
    }
    long start = System.nanoTime();
    double[][][] forecasts = forecaster.forecast(contexts, horizon);
    double forecastSeconds = (System.nanoTime() - start) / 1e9;

    boolean known = Double.isFinite(lyapunovExponent) && lyapunovExponent > 0;
    int[] ltSteps = {1, 4, 10};
    double[] smapeSums = new double[3];
    double smapeHorizonSum = 0;
    double[] vptSteps = new double[o.length];
    double[] vptLyap = new double[o.length];
    double secondsSum = 0;
    double[][][] standardForecasts = new double[o.length][][];
    double[][][] standardActuals = new double[o.length][][];
    for (int i = 0; i < o.length; i++) {
      double[][] f = norm.apply(forecasts[i]);
      double[][] a = norm.apply(Arrays.copyOfRange(series, o[i], o[i] + horizon));
      standardForecasts[i] = f;
      standardActuals[i] = a;
      ValidPredictionTime vpt = ValidPredictionTime.of(f, a, dt, known ? lyapunovExponent : 1.0);
      vptSteps[i] = vpt.steps();
      secondsSum += vpt.seconds();
      vptLyap[i] = known ? vpt.lyapunovTimes() : vpt.steps();
      for (int k = 0; k < 3; k++) {
        int steps = known ? (int) Math.round(ltSteps[k] / (lyapunovExponent * dt)) : -1;
        smapeSums[k] += steps >= 1 && steps <= horizon ? Smape.over(f, a, steps) : Double.NaN;
      }
      smapeHorizonSum += Smape.over(f, a, horizon);
    }
    int n = o.length;
    double[] sorted = vptLyap.clone();
    Arrays.sort(sorted);
    var result =
        new EvaluationResult(
            forecaster.id(),
            n,
            contextLength,
            horizon,
            dt,
            lyapunovExponent,
            smapeSums[0] / n,
            smapeSums[1] / n,
            smapeSums[2] / n,
            smapeHorizonSum / n,
            Arrays.stream(vptSteps).average().orElse(Double.NaN),
            secondsSum / n,
            known ? Arrays.stream(vptLyap).average().orElse(Double.NaN) : Double.NaN,
            known ? quantile(sorted, 0.5) : Double.NaN,
            known ? quantile(sorted, 0.25) : Double.NaN,
            known ? quantile(sorted, 0.75) : Double.NaN,
            vptLyap,
            forecastSeconds);
    return new Outcome(result, standardForecasts, standardActuals);
  }

  /**
   * Indices of {@code count} forecast origins spread evenly over [contextLength, n - horizon]: the
   * context is [o - contextLength, o), the target [o, o + horizon).
   */
  public static int[] origins(int n, int contextLength, int horizon, int count) {
    int first = contextLength;
    int last = n - horizon;
    if (count < 1 || last < first || (count > 1 && last - first < count - 1)) {
      throw new IllegalArgumentException(
          "a series of "
              + n
              + " samples cannot hold "
              + count
              + " origins with context "
              + contextLength
              + " and horizon "
              + horizon);
    }
    int[] o = new int[count];
    for (int i = 0; i < count; i++) {
      o[i] =
          count == 1 ? last : first + (int) Math.round((double) i * (last - first) / (count - 1));
    }
    return o;
  }

  /** Linear-interpolation quantile (type 7, numpy's default) of sorted values. */
  static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) return Double.NaN;
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
