package io.chaoscast.models.charts;

/** A named series of points; NaN y values leave a gap. */
public record Series(String name, double[] x, double[] y) {

  public Series {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          name + ": " + x.length + " x values but " + y.length + " y values");
    }
  }

  /** y against its index times {@code step} (a sampled series). */
  public static Series sampled(String name, double step, double[] y) {
    double[] x = new double[y.length];
    for (int i = 0; i < x.length; i++) x[i] = i * step;
    return new Series(name, x, y);
  }
}
