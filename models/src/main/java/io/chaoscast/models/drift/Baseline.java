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
 *
 * <p>After calibration the monitor keeps the baseline moving with the stream ({@link #adapt}):
 * exponentially weighted robust estimates fed only with quiet values (inside the resolve band) and
 * frozen while an alert is open, so that slow, harmless change (a season, an aging sensor) stops
 * counting as an excursion while a real change cannot teach the baseline to accept it.
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

  /**
   * The baseline after one more quiet value x (|x - median| below {@code band} scales: the caller
   * passes only those), with forgetting factor alpha in (0, 1]:
   *
   * <ul>
   *   <li>median += alpha scale sign(x - median) (a stochastic-approximation running median, whose
   *       steps are in the signal's own units);
   *   <li>scale = (1 - alpha) scale + alpha |x - median_old| / c(band), where c(band) = E[|Z| given
   *       |Z| < band] for a standard normal Z, so that a Gaussian signal keeps scale = its standard
   *       deviation although only values inside the band are seen; never below minScale;
   *   <li>the extremes decay towards the new median by (1 - alpha) and are pushed out by x.
   * </ul>
   */
  public Baseline adapt(double x, double alpha, double band, double minScale) {
    if (!Double.isFinite(x) || alpha <= 0) return this;
    double m = median + alpha * scale * Math.signum(x - median);
    double s =
        (1 - alpha) * scale + alpha * Math.abs(x - median) / NormalTail.truncatedMeanAbs(band);
    s = Math.max(Math.max(s, minScale), 1e-12);
    double hi = Math.max(x, m + (1 - alpha) * (max - m));
    double lo = Math.min(x, m - (1 - alpha) * (m - min));
    return new Baseline(m, s, lo, hi);
  }

  /** The excursion z of a value (0 for a non-finite value). */
  public double z(double x) {
    return Double.isFinite(x) ? (x - median) / scale : 0;
  }
}
