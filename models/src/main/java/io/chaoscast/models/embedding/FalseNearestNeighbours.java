package io.chaoscast.models.embedding;

import io.chaoscast.models.neighbours.KdTree;
import io.chaoscast.models.signal.Stats;

/**
 * False nearest neighbours, Kennel, Brown and Abarbanel (1992), Phys. Rev. A 45:3403. For each
 * delay vector y_i in dimension m with nearest neighbour y_j (Euclidean, outside a Theiler window)
 * at distance R_m, the neighbour is false when the added coordinates separate them: |x_{i+m tau} -
 * x_{j+m tau}| / R_m > R_tol (15), or R_{m+1} / R_A > A_tol (2) with R_A the attractor size (root
 * of the summed channel variances). m is the smallest dimension whose false fraction is below
 * {@link #THRESHOLD}. Assumes noise well below the attractor size (noise keeps the fraction from
 * reaching zero).
 */
public final class FalseNearestNeighbours {

  public static final double R_TOL = 15.0;
  public static final double A_TOL = 2.0;
  public static final double THRESHOLD = 0.01;

  private FalseNearestNeighbours() {}

  /** The false fraction per dimension and the chosen m. */
  public record Result(double[] falseFraction, int dimension) {}

  /**
   * @param channels channel-major series
   * @param tau delay per channel
   * @param mMax largest dimension tested
   * @param theiler temporal neighbours |i - j| <= theiler are excluded
   */
  public static Result estimate(double[][] channels, int[] tau, int mMax, int theiler) {
    double ra2 = 0;
    for (double[] ch : channels) ra2 += Math.pow(Stats.std(ch), 2);
    double ra = Math.sqrt(ra2);
    int rows = EmbeddingRows.rows(channels, tau, mMax);
    double[] fraction = new double[mMax + 1];
    fraction[0] = Double.NaN;
    int chosen = -1;
    for (int m = 1; m <= mMax; m++) {
      double[][] v = EmbeddingRows.vectors(channels, tau, m, rows);
      KdTree tree = new KdTree(v);
      int counted = 0, bad = 0;
      for (int i = 0; i < rows; i++) {
        int j = tree.nearest(i, theiler);
        if (j < 0) continue;
        double rm = tree.distance(i, j);
        if (rm == 0) continue;
        double e2 = 0;
        for (int c = 0; c < channels.length; c++) {
          double t =
              EmbeddingRows.next(channels, tau, m, i, c)
                  - EmbeddingRows.next(channels, tau, m, j, c);
          e2 += t * t;
        }
        counted++;
        if (Math.sqrt(e2) / rm > R_TOL || Math.sqrt(rm * rm + e2) / ra > A_TOL) bad++;
      }
      fraction[m] = counted == 0 ? Double.NaN : (double) bad / counted;
      if (chosen < 0 && fraction[m] < THRESHOLD) chosen = m;
    }
    return new Result(fraction, chosen < 0 ? mMax : chosen);
  }
}
