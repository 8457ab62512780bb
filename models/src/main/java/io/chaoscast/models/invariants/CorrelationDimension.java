package io.chaoscast.models.invariants;

import io.chaoscast.models.neighbours.KdTree;
import io.chaoscast.models.signal.LinearFit;

/**
 * Correlation dimension D2, Grassberger and Procaccia (1983), Physica D 9:189: the correlation sum
 * C(r) = (number of pairs (i, j), |i - j| > w, with |x_i - x_j| <= r) / (number of such pairs)
 * scales as r^D2 for small r, so D2 is the slope of ln C against ln r in the scaling region.
 *
 * <p>Pairs are counted with a k-d tree range search (Euclidean norm) from up to {@code
 * maxReferences} reference points, evenly spaced in time, against all points, within r_max =
 * attractor RMS radius; distances are histogrammed on {@code BINS} log-spaced radii spanning four
 * decades below r_max.
 *
 * <p>Automatic scaling region: local slopes s_k = d ln C / d ln r are computed between adjacent
 * radii where C is estimated from at least 100 pairs; the region is the widest run of radii (at
 * least half a decade) whose local slopes all lie within 12% of their mean, preferring smaller
 * radii on ties. D2 is the least-squares slope there; its uncertainty is the standard deviation of
 * the local slopes in the region (a measure of how straight the region is, the dominant error for
 * clean data). Assumes N large enough that the region exists (N >~ 10^{D2/2 + 2}) and negligible
 * noise (noise raises the slope towards the embedding dimension at small r).
 */
public final class CorrelationDimension {

  private static final int BINS = 64;
  private static final double DECADES = 4.0;
  private static final double TOLERANCE = 0.12;
  private static final double MIN_WIDTH_DECADES = 0.5;
  private static final long MIN_PAIRS = 100;

  private CorrelationDimension() {}

  /**
   * The estimate, its uncertainty, the scaling region [rMin, rMax], and the curve ln r / ln C (NaN
   * where no pairs were found).
   */
  public record Result(
      double value, double standardError, double rMin, double rMax, double[] logR, double[] logC) {}

  /** Uses up to 2000 reference points. */
  public static Result estimate(double[][] points, int theiler) {
    return estimate(points, theiler, 2000);
  }

  public static Result estimate(double[][] points, int theiler, int maxReferences) {
    int n = points.length;
    int d = points[0].length;
    double var = 0;
    for (int k = 0; k < d; k++) {
      double m = 0;
      for (double[] p : points) m += p[k];
      m /= n;
      for (double[] p : points) var += (p[k] - m) * (p[k] - m);
    }
    double rMax = Math.sqrt(var / n);
    double logMax = Math.log(rMax);
    double logMin = logMax - DECADES * Math.log(10);
    double step = (logMax - logMin) / (BINS - 1);
    long[] hist = new long[BINS];
    KdTree tree = new KdTree(points);
    int refs = Math.min(n, maxReferences);
    long pairs = 0;
    for (int q = 0; q < refs; q++) {
      int i = (int) ((long) q * n / refs);
      tree.forEachWithin(
          i,
          rMax,
          theiler,
          (j, dist) -> {
            int b = dist <= 0 ? 0 : (int) Math.ceil((Math.log(dist) - logMin) / step);
            hist[Math.max(0, Math.min(BINS - 1, b))]++;
          });
      int lo = Math.max(0, i - theiler), hi = Math.min(n - 1, i + theiler);
      pairs += n - (hi - lo + 1);
    }
    double[] logR = new double[BINS];
    double[] logC = new double[BINS];
    long[] cum = new long[BINS];
    long run = 0;
    for (int b = 0; b < BINS; b++) {
      run += hist[b];
      cum[b] = run;
      logR[b] = logMin + b * step;
      logC[b] = run == 0 ? Double.NaN : Math.log((double) run / pairs);
    }
    int first = 0;
    while (first < BINS && cum[first] < MIN_PAIRS) first++;
    if (BINS - first < 4) throw new IllegalArgumentException("too few pairs for a correlation sum");
    int k = BINS - 1 - first; // local slopes between adjacent radii first..BINS-1
    double[] slope = new double[k];
    for (int s = 0; s < k; s++) {
      slope[s] = (logC[first + s + 1] - logC[first + s]) / step;
    }
    int minRun = Math.max(2, (int) Math.ceil(MIN_WIDTH_DECADES * Math.log(10) / step));
    int bestA = -1, bestB = -1;
    for (int a = 0; a < k; a++) {
      double sum = 0;
      for (int b = a; b < k; b++) {
        sum += slope[b];
        double mean = sum / (b - a + 1);
        boolean ok = true;
        for (int c = a; c <= b && ok; c++) ok = Math.abs(slope[c] - mean) <= TOLERANCE * mean;
        if (!ok) break;
        if (b - a + 1 >= minRun && b - a > bestB - bestA) {
          bestA = a;
          bestB = b;
        }
      }
    }
    if (bestA < 0) { // no straight region: fall back to the lower half of the usable range
      bestA = 0;
      bestB = Math.max(1, k / 2);
    }
    int from = first + bestA, to = first + bestB + 2; // radii indices, end exclusive
    LinearFit fit = LinearFit.fit(logR, logC, from, to);
    double m = 0, s2 = 0;
    for (int c = bestA; c <= bestB; c++) m += slope[c];
    m /= (bestB - bestA + 1);
    for (int c = bestA; c <= bestB; c++) s2 += (slope[c] - m) * (slope[c] - m);
    double sd = Math.sqrt(s2 / Math.max(1, bestB - bestA));
    return new Result(fit.slope(), sd, Math.exp(logR[from]), Math.exp(logR[to - 1]), logR, logC);
  }
}
