package io.chaoscast.models.baselines;

import java.util.Arrays;

/**
 * A series' bounding box (standardised units) widened by half its range on each side. Attractors of
 * dissipative systems are bounded, so autonomous rollouts are clamped to it: an unstable fit then
 * saturates instead of running off to infinity.
 */
record Bounds(double[] lo, double[] hi) implements java.io.Serializable {

  static Bounds of(double[][] z) {
    int d = z[0].length;
    double[] lo = new double[d];
    double[] hi = new double[d];
    Arrays.fill(lo, Double.POSITIVE_INFINITY);
    Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    for (double[] row : z) {
      for (int c = 0; c < d; c++) {
        lo[c] = Math.min(lo[c], row[c]);
        hi[c] = Math.max(hi[c], row[c]);
      }
    }
    for (int c = 0; c < d; c++) {
      double margin = 0.5 * (hi[c] - lo[c]);
      lo[c] -= margin;
      hi[c] += margin;
    }
    return new Bounds(lo, hi);
  }

  /** Clamps v in place; a non-finite value is replaced by the previous state's value. */
  void clamp(double[] v, double[] previous) {
    for (int c = 0; c < v.length; c++) {
      v[c] = Double.isFinite(v[c]) ? Math.max(lo[c], Math.min(hi[c], v[c])) : previous[c];
    }
  }
}
