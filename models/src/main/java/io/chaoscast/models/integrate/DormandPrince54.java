package io.chaoscast.models.integrate;

import io.chaoscast.models.systems.Flow;

/**
 * Dormand and Prince (1980), "A family of embedded Runge-Kutta formulae", J. Comput. Appl. Math.
 * 6:19: explicit 5th-order steps with an embedded 4th-order error estimate, local extrapolation and
 * first-same-as-last. Step control follows Hairer, Norsett and Wanner, Solving ODEs I, sec. II.4:
 * err = RMS_i(e_i / (atol + rtol max(|y_i|, |y_i'|))), accept when err <= 1, and h_new = h min(5,
 * max(0.2, 0.9 err^(-1/5))).
 *
 * <p>Holds scratch arrays and the last accepted step size, so one instance serves one thread.
 */
public final class DormandPrince54 {

  // Butcher tableau (Dormand-Prince 1980, Table 2).
  private static final double C2 = 1.0 / 5, C3 = 3.0 / 10, C4 = 4.0 / 5, C5 = 8.0 / 9;
  private static final double A21 = 1.0 / 5;
  private static final double A31 = 3.0 / 40, A32 = 9.0 / 40;
  private static final double A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9;
  private static final double A51 = 19372.0 / 6561, A52 = -25360.0 / 2187;
  private static final double A53 = 64448.0 / 6561, A54 = -212.0 / 729;
  private static final double A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247;
  private static final double A64 = 49.0 / 176, A65 = -5103.0 / 18656;
  private static final double B1 = 35.0 / 384, B3 = 500.0 / 1113, B4 = 125.0 / 192;
  private static final double B5 = -2187.0 / 6784, B6 = 11.0 / 84;
  // e = b(5th) - b(4th)
  private static final double E1 = 71.0 / 57600, E3 = -71.0 / 16695, E4 = 71.0 / 1920;
  private static final double E5 = -17253.0 / 339200, E6 = 22.0 / 525, E7 = -1.0 / 40;

  private final Flow flow;
  private final double rtol;
  private final double atol;
  private final double[] k1, k2, k3, k4, k5, k6, k7, tmp, next;
  private double h;
  private long accepted;
  private long rejected;

  public DormandPrince54(Flow flow, double rtol, double atol) {
    if (!(rtol > 0) || !(atol > 0)) throw new IllegalArgumentException("tolerances must be > 0");
    this.flow = flow;
    this.rtol = rtol;
    this.atol = atol;
    int n = flow.dimension();
    k1 = new double[n];
    k2 = new double[n];
    k3 = new double[n];
    k4 = new double[n];
    k5 = new double[n];
    k6 = new double[n];
    k7 = new double[n];
    tmp = new double[n];
    next = new double[n];
    h = flow.integrationStep();
  }

  /** Tolerances typical for reference trajectories: rtol 1e-9, atol 1e-12. */
  public static DormandPrince54 tight(Flow flow) {
    return new DormandPrince54(flow, 1e-9, 1e-12);
  }

  /**
   * One step of size {@code step} without error control: writes the 5th-order solution into {@code
   * state} and returns the scaled error norm of the embedded estimate (<= 1 means within
   * tolerance).
   */
  public double step(double[] state, double step) {
    flow.derivative(state, k1);
    double err = attempt(state, step);
    System.arraycopy(next, 0, state, 0, state.length);
    return err;
  }

  /**
   * Advances {@code state} in place by {@code duration} with error control, ending exactly at the
   * requested time.
   */
  public void advance(double[] state, double duration) {
    double t = 0.0;
    flow.derivative(state, k1);
    while (t < duration) {
      double remaining = duration - t;
      boolean last = h >= remaining;
      double step = last ? remaining : h;
      double err = attempt(state, step);
      if (!Double.isFinite(err)) {
        throw new ArithmeticException(flow.name() + ": non-finite state at t+" + t);
      }
      double factor = err == 0.0 ? 5.0 : Math.min(5.0, Math.max(0.2, 0.9 * Math.pow(err, -0.2)));
      if (err <= 1.0) {
        accepted++;
        t = last ? duration : t + step;
        System.arraycopy(next, 0, state, 0, state.length);
        System.arraycopy(k7, 0, k1, 0, k1.length); // first same as last
        if (!last || factor < 1.0) h = step * factor;
      } else {
        rejected++;
        h = step * Math.min(1.0, factor);
        if (h < 1e-14 * Math.max(1.0, duration)) {
          throw new ArithmeticException(flow.name() + ": step size underflow");
        }
      }
    }
  }

  /** Accepted steps since construction. */
  public long acceptedSteps() {
    return accepted;
  }

  /** Rejected steps since construction. */
  public long rejectedSteps() {
    return rejected;
  }

  /** Computes stages 2-7 from k1, the 5th-order result in {@code next}; returns the error norm. */
  private double attempt(double[] y, double s) {
    int n = y.length;
    for (int i = 0; i < n; i++) tmp[i] = y[i] + s * A21 * k1[i];
    flow.derivative(tmp, k2);
    for (int i = 0; i < n; i++) tmp[i] = y[i] + s * (A31 * k1[i] + A32 * k2[i]);
    flow.derivative(tmp, k3);
    for (int i = 0; i < n; i++) tmp[i] = y[i] + s * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
    flow.derivative(tmp, k4);
    for (int i = 0; i < n; i++) {
      tmp[i] = y[i] + s * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
    }
    flow.derivative(tmp, k5);
    for (int i = 0; i < n; i++) {
      tmp[i] = y[i] + s * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
    }
    flow.derivative(tmp, k6);
    for (int i = 0; i < n; i++) {
      next[i] = y[i] + s * (B1 * k1[i] + B3 * k3[i] + B4 * k4[i] + B5 * k5[i] + B6 * k6[i]);
    }
    flow.derivative(next, k7);
    double sum = 0.0;
    for (int i = 0; i < n; i++) {
      double e = s * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
      double scale = atol + rtol * Math.max(Math.abs(y[i]), Math.abs(next[i]));
      double r = e / scale;
      sum += r * r;
    }
    return Math.sqrt(sum / n);
  }
}
