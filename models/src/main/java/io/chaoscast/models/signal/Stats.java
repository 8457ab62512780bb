package io.chaoscast.models.signal;

/** Summary statistics over arrays. */
public final class Stats {

  private Stats() {}

  /** The arithmetic mean; NaN for no values. */
  public static double mean(double[] x) {
    double s = 0;
    for (double v : x) s += v;
    return s / x.length;
  }

  /** Sample standard deviation (n - 1 denominator); NaN below two values. */
  public static double std(double[] x) {
    if (x.length < 2) return Double.NaN;
    double m = mean(x);
    double s = 0;
    for (double v : x) s += (v - m) * (v - m);
    return Math.sqrt(s / (x.length - 1));
  }

  /** Standard error of the mean of {@code x} (sample SD / sqrt(n)). */
  public static double standardError(double[] x) {
    return std(x) / Math.sqrt(x.length);
  }

  public static double median(double[] x) {
    double[] s = x.clone();
    java.util.Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
  }
}
