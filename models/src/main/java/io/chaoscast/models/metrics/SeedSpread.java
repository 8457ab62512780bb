package io.chaoscast.models.metrics;

/**
 * The mean and spread of one figure over repeated runs (training seeds, fresh series), as the
 * benchmark and the demo's offline reference report them.
 */
public final class SeedSpread {

  private SeedSpread() {}

  /** The arithmetic mean; NaN for no values. */
  public static double mean(double[] v) {
    double s = 0;
    for (double x : v) s += x;
    return v.length == 0 ? Double.NaN : s / v.length;
  }

  /** Sample standard deviation (n - 1); NaN below two values. */
  public static double sampleSd(double[] v) {
    if (v.length < 2) return Double.NaN;
    double m = mean(v);
    double s = 0;
    for (double x : v) s += (x - m) * (x - m);
    return Math.sqrt(s / (v.length - 1));
  }
}
