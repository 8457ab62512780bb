package io.chaoscast.models.integrate;

/**
 * A sampled trajectory: {@code times[i]} and the observed state {@code values[i]} (row = time,
 * column = channel). Arrays are owned by the record; callers must not modify them.
 */
public record Trajectory(double[] times, double[][] values) {

  public Trajectory {
    if (times.length != values.length) {
      throw new IllegalArgumentException("times and values differ in length");
    }
  }

  public int size() {
    return times.length;
  }

  public int dimension() {
    return values.length == 0 ? 0 : values[0].length;
  }

  /** Sampling interval (assumes a uniform grid). */
  public double dt() {
    return times.length < 2 ? Double.NaN : times[1] - times[0];
  }

  /** A copy of one channel. */
  public double[] channel(int c) {
    double[] out = new double[values.length];
    for (int i = 0; i < out.length; i++) out[i] = values[i][c];
    return out;
  }
}
