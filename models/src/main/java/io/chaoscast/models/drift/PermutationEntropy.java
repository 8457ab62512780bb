package io.chaoscast.models.drift;

import java.util.Arrays;

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
    return entropy(counts, total);
  }

  /** Normalised entropy of pattern counts (their number is order!). */
  static double entropy(int[] counts, int total) {
    if (total == 0) return Double.NaN;
    double h = 0;
    for (int c : counts) {
      if (c > 0) {
        double p = (double) c / total;
        h -= p * Math.log(p);
      }
    }
    return h / Math.log(counts.length);
  }

  /**
   * The entropy of a stream's sliding windows: consecutive windows share most of their patterns, so
   * each pattern's code is kept under the stream's index of its first sample and computed once (the
   * drift monitor's window moves by its hop of 4 samples per block: all its other patterns were the
   * previous window's). Gives exactly {@link #of}, provided a sample's value never changes under
   * its index. Not persisted: after a restore the codes are computed again.
   */
  static final class SlidingWindow {
    private final int order;
    private final long[] startOf;
    private final int[] codeOf;
    private final int[] counts;
    private final int[] rank;
    private int tau = -1;

    /**
     * @param capacity patterns kept, at least the longest window's: slot = index mod capacity
     */
    SlidingWindow(int order, int capacity) {
      if (order < 2 || order > 6) throw new IllegalArgumentException("order must be 2..6");
      this.order = order;
      this.startOf = new long[capacity];
      this.codeOf = new int[capacity];
      this.counts = new int[factorial(order)];
      this.rank = new int[order];
      Arrays.fill(startOf, -1);
    }

    int capacity() {
      return startOf.length;
    }

    /** {@link #of}(x, 0, w, order, tau), where x[0] is the stream's sample number firstIndex. */
    double of(double[] x, long firstIndex, int w, int tau) {
      if (w > startOf.length) throw new IllegalArgumentException("window longer than the cache");
      if (tau != this.tau) {
        Arrays.fill(startOf, -1);
        this.tau = tau;
      }
      Arrays.fill(counts, 0);
      int total = 0;
      for (int t = 0; t + (order - 1) * tau < w; t++) {
        long index = firstIndex + t;
        int slot = (int) Math.floorMod(index, (long) startOf.length);
        if (startOf[slot] != index) {
          codeOf[slot] = patternIndex(x, t, order, tau, rank);
          startOf[slot] = index;
        }
        counts[codeOf[slot]]++;
        total++;
      }
      return entropy(counts, total);
    }
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
