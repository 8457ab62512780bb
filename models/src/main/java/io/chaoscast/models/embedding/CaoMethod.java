package io.chaoscast.models.embedding;

import io.chaoscast.models.neighbours.KdTree;

/**
 * Cao (1997), "Practical method for determining the minimum embedding dimension of a scalar time
 * series", Physica D 110:43. With y_i(d) the d-dimensional delay vector and n(i, d) its nearest
 * neighbour under the maximum norm: a(i, d) = |y_i(d+1) - y_n(d+1)| / |y_i(d) - y_n(d)|, E(d) =
 * mean_i a(i, d), E1(d) = E(d+1) / E(d); E*(d) = mean_i |x_{i+d tau} - x_{n+d tau}|, E2(d) =
 * E*(d+1) / E*(d). E1 stops changing once d is large enough; the chosen m is the smallest d with
 * E1(d) >= {@link #SATURATION}. E2 stays near 1 for all d only for stochastic data, so a
 * deterministic signal shows E2(d) != 1 for some d.
 */
public final class CaoMethod {

  public static final double SATURATION = 0.9;

  private CaoMethod() {}

  /** E1(d) and E2(d) for d = 1..dMax (index 0 unused) and the chosen dimension. */
  public record Result(double[] e1, double[] e2, int dimension) {
    /** max_d |1 - E2(d)|: near 0 suggests noise rather than low-dimensional determinism. */
    public double e2Deviation() {
      double m = 0;
      for (int d = 1; d < e2.length; d++)
        if (!Double.isNaN(e2[d])) m = Math.max(m, Math.abs(1 - e2[d]));
      return m;
    }
  }

  /**
   * @param channels channel-major series (one channel in Cao's paper; several channels add one
   *     coordinate each per dimension step)
   * @param tau delay per channel
   * @param dMax largest dimension for which E1 and E2 are reported
   * @param theiler temporal neighbours |i - j| <= theiler are excluded
   */
  public static Result estimate(double[][] channels, int[] tau, int dMax, int theiler) {
    int rows = EmbeddingRows.rows(channels, tau, dMax + 1);
    double[] e = new double[dMax + 2];
    double[] eStar = new double[dMax + 2];
    for (int d = 1; d <= dMax + 1; d++) {
      double[][] v = EmbeddingRows.vectors(channels, tau, d, rows);
      KdTree tree = new KdTree(v, KdTree.Norm.MAXIMUM);
      double sumA = 0, sumStar = 0;
      int counted = 0;
      for (int i = 0; i < rows; i++) {
        int j = tree.nearest(i, theiler);
        if (j < 0) continue;
        double dd = tree.distance(i, j);
        if (dd == 0) continue;
        double extra = 0;
        for (int c = 0; c < channels.length; c++) {
          extra =
              Math.max(
                  extra,
                  Math.abs(
                      EmbeddingRows.next(channels, tau, d, i, c)
                          - EmbeddingRows.next(channels, tau, d, j, c)));
        }
        sumA += Math.max(dd, extra) / dd;
        sumStar += extra;
        counted++;
      }
      e[d] = sumA / counted;
      eStar[d] = sumStar / counted;
    }
    double[] e1 = new double[dMax + 1];
    double[] e2 = new double[dMax + 1];
    e1[0] = e2[0] = Double.NaN;
    int chosen = -1;
    for (int d = 1; d <= dMax; d++) {
      e1[d] = e[d + 1] / e[d];
      e2[d] = eStar[d + 1] / eStar[d];
      if (chosen < 0 && e1[d] >= SATURATION) chosen = d;
    }
    return new Result(e1, e2, chosen < 0 ? dMax : chosen);
  }
}
