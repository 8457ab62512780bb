package io.chaoscast.models.metrics;

/**
 * Symmetric mean absolute percentage error on the 0-200 scale (as in PhyxMamba and Gilpin 2021):
 * for one step, sMAPE_t = (200 / d) sum_c |f_tc - y_tc| / (|f_tc| + |y_tc|), with 0/0 taken as 0
 * and a non-finite forecast value (a blown-up rollout) taken as the largest error, 1 (so 200 when
 * every channel is); over a horizon, the mean of sMAPE_t. Compute it on standardised series ({@link
 * Standardisation}); its value depends on offset and scale.
 */
public final class Smape {

  private Smape() {}

  /** sMAPE_t for each step t of time-major forecast and actual arrays. */
  public static double[] perStep(double[][] forecast, double[][] actual) {
    int h = Math.min(forecast.length, actual.length);
    double[] out = new double[h];
    for (int t = 0; t < h; t++) {
      int d = actual[t].length;
      double s = 0;
      for (int c = 0; c < d; c++) {
        if (!Double.isFinite(forecast[t][c])) {
          s += 1; // NaN would otherwise compare as no error at all
          continue;
        }
        double den = Math.abs(forecast[t][c]) + Math.abs(actual[t][c]);
        if (den > 0) s += Math.abs(forecast[t][c] - actual[t][c]) / den;
      }
      out[t] = 200.0 * s / d;
    }
    return out;
  }

  /** Mean sMAPE over the first {@code horizon} steps. */
  public static double over(double[][] forecast, double[][] actual, int horizon) {
    double[] s = perStep(forecast, actual);
    int h = Math.min(horizon, s.length);
    double sum = 0;
    for (int t = 0; t < h; t++) sum += s[t];
    return sum / h;
  }
}
