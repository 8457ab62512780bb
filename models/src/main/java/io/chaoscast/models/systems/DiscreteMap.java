package io.chaoscast.models.systems;

/** An autonomous map x_{n+1} = F(x_n). Implementations are immutable. */
public interface DiscreteMap {

  /** Stable, lower-case identifier, e.g. {@code henon}. */
  String name();

  /** Number of state variables. */
  int dimension();

  /** Writes F(state) into {@code out}; {@code out} may not alias {@code state}. */
  void apply(double[] state, double[] out);

  /** A point on or near the attractor. A fresh copy each call. */
  double[] initialState();
}
