package io.chaoscast.models.systems;

/**
 * An autonomous delay differential equation dx/dt = f(x(t), x(t - tau)) with one fixed delay. The
 * state of such a system is the whole history segment on [t - tau, t]; integrators keep it in a
 * buffer (see {@code io.chaoscast.models.integrate.DelayRk4}).
 */
public interface DelayFlow {

  /** Stable, lower-case identifier, e.g. {@code mackeyglass}. */
  String name();

  /** Number of state variables at one instant. */
  int dimension();

  /** The delay tau, in the system's time units. */
  double delay();

  /** Writes f(current, delayed) into {@code out}. */
  void derivative(double[] current, double[] delayed, double[] out);

  /** Constant history x(t) for t in [-tau, 0]. A fresh copy each call. */
  double[] initialState();

  /** Recommended fixed step; integrators round it so that tau is a whole number of steps. */
  double integrationStep();
}
