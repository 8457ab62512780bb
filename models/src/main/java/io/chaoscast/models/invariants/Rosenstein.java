package io.chaoscast.models.invariants;

import io.chaoscast.models.neighbours.KdTree;
import io.chaoscast.models.signal.LinearFit;
import io.chaoscast.models.signal.Stats;

/**
 * Largest Lyapunov exponent from a time series, Rosenstein, Collins and De Luca (1993), Physica D
 * 65:117. Each delay vector Y_j is paired with its nearest neighbour Y_j' outside a Theiler window
 * (|j - j'| > w, Rosenstein use the mean period); y(i) = mean_j ln |Y_{j+i} - Y_{j'+i}| is then
 * followed for i = 0..maxSteps, and lambda_1 is the slope of y against i dt over its linear region.
 *
 * <p>Automatic fit region: with y0 = y(0) and ys the plateau (mean of the last fifth of the curve),
 * the fit uses the steps where y first lies between y0 + 0.15 (ys - y0) and y0 + 0.55 (ys - y0),
 * skipping the initial alignment transient and the saturation. This assumes the curve does saturate
 * within maxSteps (choose several Lyapunov times) and that the data are densely sampled (tens to
 * hundreds of points per Lyapunov time) and nearly noise-free.
 *
 * <p>Uncertainty: the reference points are split into 10 contiguous blocks, each block's curve is
 * fitted over the same region, and the standard error is SD(block slopes) / sqrt(10).
 */
public final class Rosenstein {

  private static final int BLOCKS = 10;
  public static final double FIT_LOW = 0.15;
  public static final double FIT_HIGH = 0.55;

  private Rosenstein() {}

  /** The estimate with its divergence curve and fit region (step indices, end exclusive). */
  public record Result(LyapunovEstimate estimate, double[] divergence, int fitFrom, int fitTo) {}

  /**
   * @param vectors delay (or state) vectors, one row per sample
   * @param dt sampling interval in time units
   * @param theiler temporal exclusion window in samples
   * @param maxSteps length of the divergence curve in samples
   */
  public static Result estimate(double[][] vectors, double dt, int theiler, int maxSteps) {
    int n = vectors.length;
    int usable = n - maxSteps;
    if (usable < 10 * BLOCKS) throw new IllegalArgumentException("series too short for maxSteps");
    // Only points whose future of maxSteps exists can be partners, so index just those.
    KdTree tree = new KdTree(java.util.Arrays.copyOf(vectors, usable));
    int[] partner = new int[usable];
    for (int j = 0; j < usable; j++) partner[j] = tree.nearest(j, theiler);
    double[][] blockSum = new double[BLOCKS][maxSteps + 1];
    int[][] blockCount = new int[BLOCKS][maxSteps + 1];
    int perBlock = usable / BLOCKS;
    for (int j = 0; j < perBlock * BLOCKS; j++) {
      int jp = partner[j];
      if (jp < 0) continue;
      int b = j / perBlock;
      for (int i = 0; i <= maxSteps; i++) {
        double dist = distance(vectors[j + i], vectors[jp + i]);
        if (dist > 0) {
          blockSum[b][i] += Math.log(dist);
          blockCount[b][i]++;
        }
      }
    }
    double[] curve = new double[maxSteps + 1];
    double[] time = new double[maxSteps + 1];
    for (int i = 0; i <= maxSteps; i++) {
      double s = 0;
      int c = 0;
      for (int b = 0; b < BLOCKS; b++) {
        s += blockSum[b][i];
        c += blockCount[b][i];
      }
      curve[i] = s / c;
      time[i] = i * dt;
    }
    int[] region = fitRegion(curve);
    LinearFit fit = LinearFit.fit(time, curve, region[0], region[1]);
    double[] slopes = new double[BLOCKS];
    double[] blockCurve = new double[maxSteps + 1];
    for (int b = 0; b < BLOCKS; b++) {
      for (int i = 0; i <= maxSteps; i++) blockCurve[i] = blockSum[b][i] / blockCount[b][i];
      slopes[b] = LinearFit.fit(time, blockCurve, region[0], region[1]).slope();
    }
    double se = Stats.standardError(slopes);
    return new Result(
        new LyapunovEstimate(fit.slope(), se, "rosenstein"), curve, region[0], region[1]);
  }

  /** [from, to) of the automatic linear region; at least 3 points. */
  static int[] fitRegion(double[] y) {
    int n = y.length;
    double plateau = 0;
    int tail = Math.max(1, n / 5);
    for (int i = n - tail; i < n; i++) plateau += y[i];
    plateau /= tail;
    double rise = plateau - y[0];
    double lo = y[0] + FIT_LOW * rise, hi = y[0] + FIT_HIGH * rise;
    int from = 0;
    while (from < n - 1 && y[from] < lo) from++;
    int to = from;
    while (to < n - 1 && y[to] < hi) to++;
    if (to - from < 3) {
      from = Math.max(0, Math.min(from, n - 4));
      to = Math.min(n, from + 3);
    }
    return new int[] {from, to};
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      double t = a[k] - b[k];
      s += t * t;
    }
    return Math.sqrt(s);
  }
}
