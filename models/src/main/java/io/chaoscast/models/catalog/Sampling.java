package io.chaoscast.models.catalog;

/**
 * How densely to sample a trajectory, as in the dysts benchmark: a number of points per Lyapunov
 * time (1 / lambda_1) or per dominant period. Maps are always sampled every iteration.
 */
public record Sampling(Basis basis, double pointsPer) {

  /** The characteristic time the point count refers to. */
  public enum Basis {
    LYAPUNOV_TIME,
    PERIOD
  }

  public Sampling {
    if (!(pointsPer > 0)) throw new IllegalArgumentException("pointsPer must be > 0");
  }

  public static Sampling perLyapunovTime(double points) {
    return new Sampling(Basis.LYAPUNOV_TIME, points);
  }

  public static Sampling perPeriod(double points) {
    return new Sampling(Basis.PERIOD, points);
  }

  /** Sampling interval in time units for a system with these reference values. */
  public double interval(ReferenceValues ref) {
    double base = basis == Basis.LYAPUNOV_TIME ? ref.lyapunovTime() : ref.period();
    if (!(base > 0) || !Double.isFinite(base)) {
      throw new IllegalStateException("no reference " + basis + " for this system");
    }
    return base / pointsPer;
  }
}
