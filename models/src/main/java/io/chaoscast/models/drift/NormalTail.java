package io.chaoscast.models.drift;

/**
 * Tail probabilities of the standard normal distribution, for the forecast surprise and the
 * truncation constant of the adapting baselines. No statistics library is on the models module's
 * path for two functions; the complementary error function is the Chebyshev fit of Numerical
 * Recipes (erfcc, fractional error below 1.2e-7 everywhere).
 */
final class NormalTail {

  private NormalTail() {}

  /** Numerical Recipes' erfcc coefficients, lowest power of t first. */
  private static final double[] C = {
    -1.26551223,
    1.00002368,
    0.37409196,
    0.09678418,
    -0.18628806,
    0.27886807,
    -1.13520398,
    1.48851587,
    -0.82215223,
    0.17087277
  };

  /** erfc(x) = 1 - erf(x). */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double poly = 0;
    for (int i = C.length - 1; i >= 0; i--) poly = poly * t + C[i];
    double r = t * Math.exp(-z * z + poly);
    return x >= 0 ? r : 2 - r;
  }

  /** Q(z) = P(Z > z) for a standard normal Z. */
  static double upper(double z) {
    return 0.5 * erfc(z / Math.sqrt(2));
  }

  /**
   * E[|Z| given |Z| < k]: the mean absolute value of a standard normal truncated to (-k, k), which
   * turns the mean absolute deviation of values inside that band into a standard deviation.
   */
  static double truncatedMeanAbs(double k) {
    return Math.sqrt(2 / Math.PI) * (1 - Math.exp(-k * k / 2)) / (1 - 2 * upper(k));
  }
}
