package io.chaoscast.models.drift;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A signal's warm-up baseline, turning a value into an excursion z = (x - median) / scale with
 * scale = (q99 - q01) / (2 x 2.3263): the half-width of the central 98% of the calibration values
 * in units of a normal quantile, so that z is a standard score for Gaussian signals but follows the
 * real tails of skewed ones. The scale never falls below {@code minScale}.
 *
 * <p>The tail ratio compares an excursion with the largest one seen in calibration on the same
 * side: (x - median) / (max - median) above the median, (median - x) / (median - min) below it
 * (each denominator at least the scale). A ratio above 1 is outside everything the warm-up saw.
 */
public record Baseline(double median, double scale, double min, double max)
    implements Serializable {

  /** Phi^-1(0.99). */
  static final double Z99 = 2.3263478740408408;

  public static Baseline of(double[] calibration, double minScale) {
    double[] v = Arrays.stream(calibration).filter(Double::isFinite).sorted().toArray();
    if (v.length == 0) {
      double s = Math.max(minScale, 1e-12);
      return new Baseline(0, s, -s, s);
    }
    double median = quantile(v, 0.5);
    double scale = (quantile(v, 0.99) - quantile(v, 0.01)) / (2 * Z99);
    return new Baseline(median, Math.max(Math.max(scale, minScale), 1e-12), v[0], v[v.length - 1]);
  }

  /** Linear-interpolation quantile (type 7) of sorted values. */
  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /** The tail ratio of a value (0 for a non-finite value); see the class comment. */
  public double tailRatio(double x) {
    if (!Double.isFinite(x)) return 0;
    return x >= median
        ? (x - median) / Math.max(max - median, scale)
        : (median - x) / Math.max(median - min, scale);
  }

  /** The excursion z of a value (0 for a non-finite value). */
  public double z(double x) {
    return Double.isFinite(x) ? (x - median) / scale : 0;
  }
}
