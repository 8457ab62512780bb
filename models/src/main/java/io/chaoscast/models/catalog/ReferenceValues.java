package io.chaoscast.models.catalog;

/**
 * Published or catalogued invariants of one system. NaN where unknown.
 *
 * @param maximumLyapunov largest Lyapunov exponent, per time unit (per iteration for maps)
 * @param lyapunovSource where {@code maximumLyapunov} comes from
 * @param correlationDimension correlation dimension D2
 * @param period dominant period in time units (NaN for maps)
 * @param mean per-channel mean on the attractor (empty when unknown)
 * @param std per-channel standard deviation on the attractor (empty when unknown)
 */
public record ReferenceValues(
    double maximumLyapunov,
    String lyapunovSource,
    double correlationDimension,
    double period,
    double[] mean,
    double[] std) {

  public ReferenceValues {
    mean = mean.clone();
    std = std.clone();
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] std() {
    return std.clone();
  }

  /** The Lyapunov time 1 / lambda_1, in time units. */
  public double lyapunovTime() {
    return 1.0 / maximumLyapunov;
  }
}
