package io.chaoscast.models.invariants;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * State-space divergence D_stsp = KL(p_true || p_gen) between the occupation measures of a true and
 * a generated trajectory (Koppe et al. 2019; Brenner et al. 2022; Hess et al. 2023, generalized
 * teacher forcing). Both trajectories should be standardised with the training data's per-channel
 * mean and SD first.
 *
 * <p>Up to 5 dimensions (binned): each axis spans the true data's range widened by 10% on each side
 * and is cut into {@code bins} equal bins (points outside go to the edge bins); with p_k, q_k the
 * relative counts, D = sum_{p_k > 0} p_k ln(p_k / q'_k), where q'_k = (q_k + eps) / (1 + eps K)
 * over the K bins occupied by either, eps = 1e-6 (so bins the generator never visits cost a finite
 * ln(p_k / eps)). Occupied bins are kept in a hash map, so memory grows with the data, not bins^d.
 *
 * <p>Above 5 dimensions (Gaussian mixture, Brenner et al. 2022): p and q are mixtures of isotropic
 * Gaussians N(x_t, sigma^2 I) centred on (up to 1000, evenly strided) points of each trajectory; D
 * is the Monte Carlo average of ln p(x) - ln q(x) over 1000 samples x drawn from p with a seeded
 * generator.
 */
public final class StateSpaceDivergence {

  public static final int DEFAULT_BINS = 30;
  public static final double DEFAULT_SIGMA = 1.0;
  private static final double EPS = 1e-6;
  private static final int MIXTURE_CENTRES = 1000;
  private static final int MC_SAMPLES = 1000;

  private StateSpaceDivergence() {}

  /** Binned for d <= 5, Gaussian mixture above, with default bins and sigma. */
  public static double compute(double[][] truth, double[][] generated) {
    return truth[0].length <= 5
        ? binned(truth, generated, DEFAULT_BINS)
        : gaussianMixture(truth, generated, DEFAULT_SIGMA, 42L);
  }

  public static double binned(double[][] truth, double[][] generated, int bins) {
    int d = truth[0].length;
    double[] lo = new double[d], width = new double[d];
    for (int k = 0; k < d; k++) {
      double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
      for (double[] x : truth) {
        min = Math.min(min, x[k]);
        max = Math.max(max, x[k]);
      }
      double margin = 0.1 * (max - min);
      lo[k] = min - margin;
      width[k] = Math.max((max - min + 2 * margin) / bins, 1e-12);
    }
    Map<Long, int[]> counts = new HashMap<>(); // bin -> {true count, generated count}
    for (double[] x : truth) counts.computeIfAbsent(key(x, lo, width, bins), b -> new int[2])[0]++;
    for (double[] x : generated) {
      counts.computeIfAbsent(key(x, lo, width, bins), b -> new int[2])[1]++;
    }
    int k = counts.size();
    double kl = 0;
    for (int[] c : counts.values()) {
      if (c[0] == 0) continue;
      double p = (double) c[0] / truth.length;
      double q = ((double) c[1] / generated.length + EPS) / (1.0 + EPS * k);
      kl += p * Math.log(p / q);
    }
    return kl;
  }

  private static long key(double[] x, double[] lo, double[] width, int bins) {
    long key = 0;
    for (int k = 0; k < x.length; k++) {
      int b = (int) Math.floor((x[k] - lo[k]) / width[k]);
      b = Math.max(0, Math.min(bins - 1, b));
      key = key * bins + b;
    }
    return key;
  }

  public static double gaussianMixture(
      double[][] truth, double[][] generated, double sigma, long seed) {
    double[][] pc = stride(truth);
    double[][] qc = stride(generated);
    SplittableRandom rng = new SplittableRandom(seed);
    int d = truth[0].length;
    double[] x = new double[d];
    double sum = 0;
    for (int s = 0; s < MC_SAMPLES; s++) {
      double[] c = pc[rng.nextInt(pc.length)];
      for (int k = 0; k < d; k++) x[k] = c[k] + sigma * rng.nextGaussian();
      sum += logMixture(x, pc, sigma) - logMixture(x, qc, sigma);
    }
    return sum / MC_SAMPLES;
  }

  private static double[][] stride(double[][] a) {
    int n = Math.min(a.length, MIXTURE_CENTRES);
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) out[i] = a[(int) ((long) i * a.length / n)];
    return out;
  }

  /** ln (1/n) sum_t N(x; c_t, sigma^2 I) up to the common normalising constant, by log-sum-exp. */
  private static double logMixture(double[] x, double[][] centres, double sigma) {
    double[] e = new double[centres.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int t = 0; t < centres.length; t++) {
      double s = 0;
      for (int k = 0; k < x.length; k++) {
        double u = x[k] - centres[t][k];
        s += u * u;
      }
      e[t] = -s / (2 * sigma * sigma);
      max = Math.max(max, e[t]);
    }
    double acc = 0;
    for (double v : e) acc += Math.exp(v - max);
    return max + Math.log(acc / centres.length);
  }
}
