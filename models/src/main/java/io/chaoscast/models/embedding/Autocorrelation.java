package io.chaoscast.models.embedding;

import io.chaoscast.models.signal.Stats;

/** Sample autocorrelation rho(lag) = sum (x_t - mean)(x_{t+lag} - mean) / sum (x_t - mean)^2. */
public final class Autocorrelation {

  private Autocorrelation() {}

  /** rho(lag) for lag = 0 .. maxLag. */
  public static double[] curve(double[] x, int maxLag) {
    double mean = Stats.mean(x);
    double var = 0;
    for (double v : x) var += (v - mean) * (v - mean);
    double[] out = new double[maxLag + 1];
    for (int lag = 0; lag <= maxLag; lag++) {
      double s = 0;
      for (int i = 0; i + lag < x.length; i++) s += (x[i] - mean) * (x[i + lag] - mean);
      out[lag] = var == 0 ? 0 : s / var;
    }
    return out;
  }
}
