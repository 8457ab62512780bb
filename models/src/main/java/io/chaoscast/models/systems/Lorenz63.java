package io.chaoscast.models.systems;

/**
 * Lorenz (1963), "Deterministic nonperiodic flow", J. Atmos. Sci. 20:130.
 *
 * <p>dx/dt = sigma (y - x), dy/dt = x (rho - z) - y, dz/dt = x y - beta z. The classic parameters
 * (10, 28, 8/3) give lambda_1 ~ 0.906 (Sprott) and D2 ~ 2.05.
 */
public record Lorenz63(double sigma, double rho, double beta) implements Flow {

  public static Lorenz63 classic() {
    return new Lorenz63(10.0, 28.0, 8.0 / 3.0);
  }

  @Override
  public String name() {
    return "lorenz63";
  }

  @Override
  public int dimension() {
    return 3;
  }

  @Override
  public void derivative(double[] s, double[] out) {
    out[0] = sigma * (s[1] - s[0]);
    out[1] = s[0] * (rho - s[2]) - s[1];
    out[2] = s[0] * s[1] - beta * s[2];
  }

  @Override
  public double[] initialState() {
    return new double[] {-9.7869288, -15.03852, 20.533978};
  }

  @Override
  public double integrationStep() {
    return 0.001;
  }
}
