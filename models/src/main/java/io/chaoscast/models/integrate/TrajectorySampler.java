package io.chaoscast.models.integrate;

/**
 * Samples a {@link Propagator} on a uniform grid after discarding a transientTime, as the dysts
 * benchmark does (Gilpin 2021, sec. 3: integrate, drop the transientTime, resample at a fixed
 * number of points per characteristic time).
 */
public final class TrajectorySampler {

  private TrajectorySampler() {}

  /**
   * @param start internal state to start from (not modified)
   * @param points number of samples
   * @param interval time between samples (rounded to the propagator's time quantum for maps and
   *     delay flows)
   * @param transientTime time discarded before the first sample
   * @throws ArithmeticException if the state becomes non-finite
   */
  public static Trajectory sample(
      Propagator p, double[] start, int points, double interval, double transientTime) {
    if (points < 1) throw new IllegalArgumentException("points must be >= 1");
    if (!(interval > 0)) throw new IllegalArgumentException("interval must be > 0");
    double[] state = start.clone();
    if (transientTime > 0) p.advance(state, transientTime);
    double dt = interval;
    if (p.discrete() || !(p instanceof FlowPropagator)) {
      double q = p.timeQuantum();
      dt = Math.max(1, Math.round(interval / q)) * q;
    }
    double[] times = new double[points];
    double[][] values = new double[points][p.observedDimension()];
    for (int i = 0; i < points; i++) {
      if (i > 0) p.advance(state, dt);
      times[i] = i * dt;
      p.observe(state, values[i]);
      for (double v : values[i]) {
        if (!Double.isFinite(v)) {
          throw new ArithmeticException(p.name() + ": non-finite state at sample " + i);
        }
      }
    }
    return new Trajectory(times, values);
  }
}
