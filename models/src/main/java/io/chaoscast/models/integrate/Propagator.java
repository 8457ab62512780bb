package io.chaoscast.models.integrate;

/**
 * One view of "advance the state by a time span" shared by flows, delay flows and maps, so that
 * sampling and tangent-space Lyapunov estimation need not know which kind they drive. The internal
 * state may be larger than what is observed (a delay equation's state is its history buffer).
 *
 * <p>Implementations hold scratch arrays: one instance per thread.
 */
public interface Propagator {

  /** Name of the driven system. */
  String name();

  /** Length of the internal state array. */
  int stateSize();

  /** Number of observed channels. */
  int observedDimension();

  /** A fresh internal state at the system's initial condition. */
  double[] initialState();

  /**
   * Advances {@code state} in place by {@code duration} time units. Maps count one unit per
   * iteration; delay flows round to whole integration steps.
   */
  void advance(double[] state, double duration);

  /** Writes the observed channels of {@code state} into {@code out}. */
  void observe(double[] state, double[] out);

  /** The finest meaningful time increment: the integration step, or 1 for a map. */
  double timeQuantum();

  /** Whether time is discrete (a map). */
  boolean discrete();
}
