package io.chaoscast.models.embedding;

/**
 * Average mutual information between x_t and x_{t+lag} (Fraser and Swinney 1986, Phys. Rev. A
 * 33:1134), estimated with a fixed equal-width 2-D histogram: I(lag) = sum_ij p_ij ln(p_ij / (p_i
 * p_j)), in nats. Assumes a stationary series and enough samples per occupied bin (the default of
 * 16 bins per axis suits 10^3-10^5 samples).
 */
public final class MutualInformation {

  public static final int DEFAULT_BINS = 16;

  private MutualInformation() {}

  /** I(lag) for lag = 0 .. maxLag. */
  public static double[] curve(double[] x, int maxLag, int bins) {
    int n = x.length;
    if (maxLag >= n - 1) throw new IllegalArgumentException("maxLag too large for series");
    double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double width = (max - min) / bins;
    int[] b = new int[n];
    for (int i = 0; i < n; i++) {
      int k = width > 0 ? (int) ((x[i] - min) / width) : 0;
      b[i] = Math.min(bins - 1, k);
    }
    double[] out = new double[maxLag + 1];
    int[] joint = new int[bins * bins];
    int[] pa = new int[bins];
    int[] pb = new int[bins];
    for (int lag = 0; lag <= maxLag; lag++) {
      java.util.Arrays.fill(joint, 0);
      java.util.Arrays.fill(pa, 0);
      java.util.Arrays.fill(pb, 0);
      int m = n - lag;
      for (int i = 0; i < m; i++) {
        joint[b[i] * bins + b[i + lag]]++;
        pa[b[i]]++;
        pb[b[i + lag]]++;
      }
      double mi = 0;
      for (int i = 0; i < bins; i++) {
        for (int j = 0; j < bins; j++) {
          int c = joint[i * bins + j];
          if (c == 0) continue;
          // p_ij ln(p_ij / (p_i p_j)) with counts: (c/m) ln(c m / (a b))
          mi += (double) c / m * Math.log((double) c * m / ((double) pa[i] * pb[j]));
        }
      }
      out[lag] = mi;
    }
    return out;
  }
}
