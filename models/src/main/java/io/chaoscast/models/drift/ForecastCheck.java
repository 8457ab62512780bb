package io.chaoscast.models.drift;

/**
 * Skill and rollout checks of one forecast against what happened, on reference-standardised data.
 *
 * <p>errors[h-1] = sqrt(mean_c (f_hc - y_hc)^2) (normalised RMS error at lead h, in reference
 * standard deviations); meanError its mean over leads 1..H; finiteTimeLyapunov the least-squares
 * slope of ln errors[h-1] against h dt (a finite-time growth rate of forecast error, per second;
 * Kantz and Schreiber 2004, sec. 5.3, use the same growth for lambda_1 from data). The rollout has
 * failed when any value is non-finite (blow-up), lies outside the reference bounding box widened by
 * a quarter of its range on each side (left the attractor's region), or when the last half of the
 * rollout has a mean per-channel standard deviation below 0.02 (collapsed to a fixed point).
 */
record ForecastCheck(
    double[] errors,
    double meanError,
    double finiteTimeLyapunov,
    boolean outOfRegion,
    boolean blownUp,
    boolean collapsed) {

  static final double REGION_MARGIN = 0.25;
  static final double COLLAPSE_SD = 0.02;

  boolean failed() {
    return outOfRegion || blownUp || collapsed;
  }

  static ForecastCheck of(
      double[][] forecast, double[][] actual, double dt, double[] lo, double[] hi) {
    int h = forecast.length;
    int d = forecast[0].length;
    double[] e = new double[h];
    boolean blown = false;
    boolean out = false;
    double mean = 0;
    for (int t = 0; t < h; t++) {
      double s = 0;
      for (int c = 0; c < d; c++) {
        double f = forecast[t][c];
        if (!Double.isFinite(f)) {
          blown = true;
          continue;
        }
        double margin = REGION_MARGIN * (hi[c] - lo[c]);
        if (f < lo[c] - margin || f > hi[c] + margin) out = true;
        s += (f - actual[t][c]) * (f - actual[t][c]);
      }
      e[t] = Math.sqrt(s / d);
      mean += e[t] / h;
    }
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (int t = 0; t < h; t++) {
      double x = (t + 1) * dt;
      double y = Math.log(e[t] + 1e-9);
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    double slope = (h * sxy - sx * sy) / (h * sxx - sx * sx);
    double sd = 0;
    for (int c = 0; c < d; c++) {
      double m = 0;
      for (int t = h / 2; t < h; t++) m += forecast[t][c];
      m /= h - h / 2;
      double v = 0;
      for (int t = h / 2; t < h; t++) v += (forecast[t][c] - m) * (forecast[t][c] - m);
      sd += Math.sqrt(v / (h - h / 2)) / d;
    }
    boolean collapsed = !blown && sd < COLLAPSE_SD;
    return new ForecastCheck(e, mean, slope, out, blown, collapsed);
  }
}
