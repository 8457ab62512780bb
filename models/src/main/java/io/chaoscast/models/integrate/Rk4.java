package io.chaoscast.models.integrate;

import io.chaoscast.models.systems.Flow;

/**
 * Classic fourth-order Runge-Kutta with a fixed step. Holds scratch arrays, so one instance serves
 * one thread; it is cheap to create.
 */
public final class Rk4 {

  private final Flow flow;
  private final double[] k1;
  private final double[] k2;
  private final double[] k3;
  private final double[] k4;
  private final double[] tmp;

  public Rk4(Flow flow) {
    this.flow = flow;
    int n = flow.dimension();
    k1 = new double[n];
    k2 = new double[n];
    k3 = new double[n];
    k4 = new double[n];
    tmp = new double[n];
  }

  /** Advances {@code state} in place by one step of size {@code h}. */
  public void step(double[] state, double h) {
    int n = state.length;
    flow.derivative(state, k1);
    for (int i = 0; i < n; i++) tmp[i] = state[i] + 0.5 * h * k1[i];
    flow.derivative(tmp, k2);
    for (int i = 0; i < n; i++) tmp[i] = state[i] + 0.5 * h * k2[i];
    flow.derivative(tmp, k3);
    for (int i = 0; i < n; i++) tmp[i] = state[i] + h * k3[i];
    flow.derivative(tmp, k4);
    for (int i = 0; i < n; i++) {
      state[i] += h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
    }
  }

  /**
   * Advances {@code state} in place by {@code duration}, in steps no longer than the flow's
   * recommended step.
   */
  public void advance(double[] state, double duration) {
    int steps = Math.max(1, (int) Math.ceil(duration / flow.integrationStep() - 1e-9));
    double h = duration / steps;
    for (int i = 0; i < steps; i++) step(state, h);
  }
}
