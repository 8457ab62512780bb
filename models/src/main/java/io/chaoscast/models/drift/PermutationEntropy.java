package io.chaoscast.models.drift;

/**
 * Normalised permutation entropy (Bandt and Pompe 2002, "Permutation entropy: a natural complexity
 * measure for time series", Phys. Rev. Lett. 88:174102): the Shannon entropy of the ordinal
 * patterns of (x_t, x_{t+tau}, ..., x_{t+(order-1)tau}), divided by ln(order!), so that it lies in
 * [0, 1] (0 for a monotone series, near 1 for white noise). Ties are broken by time order.
 */
public final class PermutationEntropy {

  private PermutationEntropy() {}

  public static double of(double[] x, int from, int to, int order, int tau) {
    if (order < 2 || order > 6) throw new IllegalArgumentException("order must be 2..6");
    int patterns = factorial(order);
    int[] counts = new int[patterns];
    int total = 0;
    int[] idx = new int[order];
    for (int t = from; t + (order - 1) * tau < to; t++) {
      counts[patternIndex(x, t, order, tau, idx)]++;
      total++;
    }
    if (total == 0) return Double.NaN;
    double h = 0;
    for (int c : counts) {
      if (c > 0) {
        double p = (double) c / total;
        h -= p * Math.log(p);
      }
    }
    return h / Math.log(patterns);
  }

  /** Lehmer code of the ranks of the pattern starting at t. */
  static int patternIndex(double[] x, int t, int order, int tau, int[] rank) {
    for (int i = 0; i < order; i++) {
      int r = 0;
      double v = x[t + i * tau];
      for (int j = 0; j < order; j++) {
        double w = x[t + j * tau];
        if (w < v || (w == v && j < i)) r++;
      }
      rank[i] = r;
    }
    int code = 0;
    for (int i = 0; i < order; i++) {
      int smaller = 0;
      for (int j = i + 1; j < order; j++) if (rank[j] < rank[i]) smaller++;
      code = code * (order - i) + smaller;
    }
    return code;
  }

  static int factorial(int n) {
    int f = 1;
    for (int i = 2; i <= n; i++) f *= i;
    return f;
  }
}
