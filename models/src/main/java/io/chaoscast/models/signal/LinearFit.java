package io.chaoscast.models.signal;

/**
 * Ordinary least-squares line y = intercept + slope x, with the textbook standard error of the
 * slope, sqrt(RSS / (n - 2) / Sxx). That error assumes independent residuals, which points on a
 * divergence or correlation-sum curve are not, so estimators report block or range-based
 * uncertainties instead and keep this for diagnostics.
 */
public record LinearFit(double slope, double intercept, double slopeStandardError, int points) {

  /** Fits points (x[i], y[i]) for i in [from, to). */
  public static LinearFit fit(double[] x, double[] y, int from, int to) {
    int n = to - from;
    if (n < 2) throw new IllegalArgumentException("need at least two points, got " + n);
    double mx = 0, my = 0;
    for (int i = from; i < to; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxx = 0, sxy = 0;
    for (int i = from; i < to; i++) {
      sxx += (x[i] - mx) * (x[i] - mx);
      sxy += (x[i] - mx) * (y[i] - my);
    }
    double slope = sxy / sxx;
    double intercept = my - slope * mx;
    double rss = 0;
    for (int i = from; i < to; i++) {
      double r = y[i] - intercept - slope * x[i];
      rss += r * r;
    }
    double se = n > 2 ? Math.sqrt(rss / (n - 2) / sxx) : Double.NaN;
    return new LinearFit(slope, intercept, se, n);
  }
}
