package io.chaoscast.models.systems;

/**
 * Mackey and Glass (1977), "Oscillation and chaos in physiological control systems", Science
 * 197:287. dx/dt = beta x(t - tau) / (1 + x(t - tau)^n) - gamma x(t). Chaotic for tau >~ 17 with
 * (beta, gamma, n) = (0.2, 0.1, 10).
 *
 * @param history constant history x(t) on [-tau, 0]
 */
public record MackeyGlass(double beta, double gamma, double n, double tau, double history)
    implements DelayFlow {

  public static MackeyGlass classic() {
    return new MackeyGlass(0.2, 0.1, 10.0, 17.0, 1.2);
  }

  @Override
  public String name() {
    return "mackeyglass";
  }

  @Override
  public int dimension() {
    return 1;
  }

  @Override
  public double delay() {
    return tau;
  }

  @Override
  public void derivative(double[] current, double[] delayed, double[] out) {
    double xd = delayed[0];
    out[0] = beta * xd / (1.0 + Math.pow(xd, n)) - gamma * current[0];
  }

  @Override
  public double[] initialState() {
    return new double[] {history};
  }

  @Override
  public double integrationStep() {
    return 0.05;
  }
}
