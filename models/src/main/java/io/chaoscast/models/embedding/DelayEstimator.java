package io.chaoscast.models.embedding;

/**
 * Chooses the delay tau: the first local minimum of the average mutual information (Fraser and
 * Swinney 1986); if the AMI has none within maxLag, the first lag where the autocorrelation falls
 * below 1/e; if neither exists, maxLag / 4.
 */
public final class DelayEstimator {

  private DelayEstimator() {}

  /** Searches lags up to min(N / 10, 500). */
  public static DelayEstimate estimate(double[] x) {
    return estimate(x, Math.max(2, Math.min(x.length / 10, 500)));
  }

  public static DelayEstimate estimate(double[] x, int maxLag) {
    double[] ami = MutualInformation.curve(x, maxLag, MutualInformation.DEFAULT_BINS);
    for (int lag = 1; lag < maxLag; lag++) {
      if (ami[lag] < ami[lag - 1] && ami[lag] <= ami[lag + 1]) {
        return new DelayEstimate(lag, "ami-first-minimum");
      }
    }
    double[] acf = Autocorrelation.curve(x, maxLag);
    for (int lag = 1; lag <= maxLag; lag++) {
      if (acf[lag] < 1.0 / Math.E) return new DelayEstimate(lag, "acf-1/e");
    }
    return new DelayEstimate(Math.max(1, maxLag / 4), "default");
  }
}
