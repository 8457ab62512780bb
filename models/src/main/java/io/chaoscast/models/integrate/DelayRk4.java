package io.chaoscast.models.integrate;

import io.chaoscast.models.systems.DelayFlow;

/**
 * Classic RK4 for dx/dt = f(x(t), x(t - tau)) on a grid with tau = N h, so the delayed values at
 * the stage times t - tau and t - tau + h are stored exactly, and the one at t - tau + h/2 comes
 * from the cubic Hermite interpolant on that one past step, using the stored values and derivatives
 * at both ends: x(mid) = (x0 + x1) / 2 + h (x0' - x1') / 8 (error O(h^4), matching the method's
 * order). Interpolating within a single step keeps the derivative jumps of the solution (at t = 0,
 * tau, 2 tau, ..., all on the grid) out of the interpolant; see Bellen and Zennaro, Numerical
 * Methods for Delay Differential Equations (2003), ch. 4 on continuous extensions and breaking
 * points.
 *
 * <p>The state of a delay equation is its history segment: here a flat array holding the values
 * [x(t - N h), ..., x(t)], then their right derivatives, then their left derivatives (they differ
 * at t = 0, where the constant initial history meets the solution), 3 (N + 1) d numbers, oldest
 * first, shifted one step at a time. The left derivative costs one extra evaluation of f per step.
 * One instance per thread.
 */
public final class DelayRk4 {

  private final DelayFlow flow;
  private final int d;
  private final int lags;
  private final double h;
  private final double[] k1, k2, k3, k4, tmp, delayed, current;

  public DelayRk4(DelayFlow flow) {
    this.flow = flow;
    this.d = flow.dimension();
    this.lags = Math.max(4, (int) Math.round(flow.delay() / flow.integrationStep()));
    this.h = flow.delay() / lags;
    k1 = new double[d];
    k2 = new double[d];
    k3 = new double[d];
    k4 = new double[d];
    tmp = new double[d];
    delayed = new double[d];
    current = new double[d];
  }

  /** The step actually used: tau divided by a whole number of steps. */
  public double step() {
    return h;
  }

  /** Length of the flat history array (values, right and left derivatives). */
  public int historyLength() {
    return 3 * (lags + 1) * d;
  }

  /** A history equal to the flow's constant initial function. */
  public double[] initialHistory() {
    double[] x0 = flow.initialState();
    double[] history = new double[historyLength()];
    for (int j = 0; j <= lags; j++) System.arraycopy(x0, 0, history, j * d, d);
    return history; // derivatives of a constant history are zero
  }

  /** Writes x(t), the newest entry of {@code history}, into {@code out}. */
  public void current(double[] history, double[] out) {
    System.arraycopy(history, lags * d, out, 0, d);
  }

  /** Advances {@code history} in place by one step h. */
  public void step(double[] history) {
    int values = (lags + 1) * d; // offset of the right-derivative block
    int left = 2 * values; // offset of the left-derivative block
    System.arraycopy(history, lags * d, current, 0, d);
    System.arraycopy(history, 0, delayed, 0, d);
    flow.derivative(current, delayed, k1);
    System.arraycopy(k1, 0, history, values + lags * d, d); // right derivative at t
    for (int i = 0; i < d; i++) {
      double x0 = history[i], x1 = history[d + i];
      double dx0 = history[values + i], dx1 = history[left + d + i];
      delayed[i] = 0.5 * (x0 + x1) + h * (dx0 - dx1) / 8.0;
    }
    for (int i = 0; i < d; i++) tmp[i] = current[i] + 0.5 * h * k1[i];
    flow.derivative(tmp, delayed, k2);
    for (int i = 0; i < d; i++) tmp[i] = current[i] + 0.5 * h * k2[i];
    flow.derivative(tmp, delayed, k3);
    System.arraycopy(history, d, delayed, 0, d);
    for (int i = 0; i < d; i++) tmp[i] = current[i] + h * k3[i];
    flow.derivative(tmp, delayed, k4);
    System.arraycopy(history, d, history, 0, lags * d);
    System.arraycopy(history, values + d, history, values, lags * d);
    System.arraycopy(history, left + d, history, left, lags * d);
    for (int i = 0; i < d; i++) {
      history[lags * d + i] = current[i] + h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
      history[values + lags * d + i] = 0.0; // set by the next step's first stage
    }
    // Left derivative at t + h: f(x(t + h), x(t + h - tau)); x(t + h - tau) is now at slot 0.
    System.arraycopy(history, lags * d, current, 0, d);
    System.arraycopy(history, 0, delayed, 0, d);
    flow.derivative(current, delayed, tmp);
    System.arraycopy(tmp, 0, history, left + lags * d, d);
  }

  /** Advances by {@code duration} rounded to a whole number of steps (at least one). */
  public void advance(double[] history, double duration) {
    long steps = Math.max(1, Math.round(duration / h));
    for (long i = 0; i < steps; i++) step(history);
  }

  @Override
  public String toString() {
    return "DelayRk4[" + flow.name() + ", h=" + h + ", lags=" + lags + "]";
  }
}
