package io.chaoscast.models.systems;

/**
 * Rossler (1976), "An equation for continuous chaos", Phys. Lett. A 57:397.
 *
 * <p>dx/dt = -y - z, dy/dt = x + a y, dz/dt = b + z (x - c). With (0.2, 0.2, 5.7) lambda_1 ~ 0.071
 * (Sprott).
 */
public record Rossler(double a, double b, double c) implements Flow {

  public static Rossler classic() {
    return new Rossler(0.2, 0.2, 5.7);
  }

  @Override
  public String name() {
    return "rossler";
  }

  @Override
  public int dimension() {
    return 3;
  }

  @Override
  public void derivative(double[] s, double[] out) {
    out[0] = -s[1] - s[2];
    out[1] = s[0] + a * s[1];
    out[2] = b + s[2] * (s[0] - c);
  }

  @Override
  public double[] initialState() {
    return new double[] {6.5134412, 0.4772013, 0.34164294};
  }

  @Override
  public double integrationStep() {
    return 0.005;
  }
}
