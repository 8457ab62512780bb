package io.chaoscast.models.systems;

/**
 * An autonomous continuous-time dynamical system dx/dt = f(x).
 *
 * <p>Implementations are immutable; {@link #derivative} writes into a caller-owned array so that
 * integrators allocate nothing per step.
 */
public interface Flow {

  /** Stable, lower-case identifier, e.g. {@code lorenz63}. */
  String name();

  /** Number of state variables. */
  int dimension();

  /** Writes f(state) into {@code out} (same length as {@code state}). */
  void derivative(double[] state, double[] out);

  /** A point on or near the attractor, from the reference catalogue. A fresh copy each call. */
  double[] initialState();

  /** Recommended fixed integration step in the system's time units. */
  double integrationStep();
}
