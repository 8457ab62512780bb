package io.chaoscast.models.invariants;

import io.chaoscast.models.integrate.Propagator;

/**
 * Largest Lyapunov exponent from the equations by the two-trajectory method of Benettin, Galgani
 * and Strelcyn (1976), Phys. Rev. A 14:2338: follow a reference state x and a neighbour x + delta
 * with |delta| = d0, and every interval T accumulate ln(|delta(T)| / d0) and rescale delta back to
 * d0. lambda_1 = sum ln(|delta| / d0) / (K T). The difference of the two trajectories is a
 * finite-difference tangent vector (Jacobian-vector product), so no Jacobian is needed; d0 is small
 * (1e-8 of the state norm) to stay in the linear regime.
 *
 * <p>Works on any {@link Propagator}: for delay equations delta is the difference of whole history
 * buffers (the state of a DDE is a function segment). Also records whether the reference trajectory
 * stayed finite and bounded.
 */
public final class BenettinLyapunov {

  /** Number of blocks used for the standard error. */
  private static final int BLOCKS = 10;

  private BenettinLyapunov() {}

  /** Result with the boundedness check of the reference trajectory. */
  public record Result(LyapunovEstimate estimate, double maxAbsState, boolean finite) {}

  /**
   * @param start internal state to start from (not modified)
   * @param transientTime time discarded before measuring
   * @param interval renormalisation interval T (one iteration for maps)
   * @param renormalisations number K of intervals measured
   */
  public static Result estimate(
      Propagator p, double[] start, double transientTime, double interval, int renormalisations) {
    if (renormalisations < BLOCKS) throw new IllegalArgumentException("need >= 10 intervals");
    double[] x = start.clone();
    if (transientTime > 0) p.advance(x, transientTime);
    int n = x.length;
    double d0 = 1e-8 * Math.max(1.0, norm(x));
    double[] y = new double[n];
    for (int i = 0; i < n; i++) y[i] = x[i] + d0 / Math.sqrt(n); // fixed, reproducible direction
    double[] blockSums = new double[BLOCKS];
    int perBlock = renormalisations / BLOCKS;
    double maxAbs = 0;
    boolean finite = true;
    for (int k = 0; k < perBlock * BLOCKS; k++) {
      p.advance(x, interval);
      p.advance(y, interval);
      double dist = 0;
      for (int i = 0; i < n; i++) {
        double t = y[i] - x[i];
        dist += t * t;
        double a = Math.abs(x[i]);
        if (a > maxAbs) maxAbs = a;
      }
      dist = Math.sqrt(dist);
      if (!Double.isFinite(dist) || !Double.isFinite(maxAbs)) {
        finite = false;
        break;
      }
      if (dist == 0) { // neighbour collapsed onto the reference (e.g. a superstable orbit)
        blockSums[k / perBlock] += Math.log(Double.MIN_NORMAL);
        for (int i = 0; i < n; i++) y[i] = x[i] + d0 / Math.sqrt(n);
        continue;
      }
      blockSums[k / perBlock] += Math.log(dist / d0);
      double scale = d0 / dist;
      for (int i = 0; i < n; i++) y[i] = x[i] + (y[i] - x[i]) * scale;
    }
    if (!finite) {
      return new Result(new LyapunovEstimate(Double.NaN, Double.NaN, "benettin"), maxAbs, false);
    }
    double[] rates = new double[BLOCKS];
    for (int b = 0; b < BLOCKS; b++) rates[b] = blockSums[b] / (perBlock * interval);
    double mean = io.chaoscast.models.signal.Stats.mean(rates);
    double se = io.chaoscast.models.signal.Stats.standardError(rates);
    return new Result(new LyapunovEstimate(mean, se, "benettin"), maxAbs, true);
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double a : v) s += a * a;
    return Math.sqrt(s);
  }
}
