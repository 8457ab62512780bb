package io.chaoscast.models.systems;

import java.util.Arrays;

/**
 * Lorenz (1996), "Predictability: a problem partly solved", ECMWF seminar. For i = 0..n-1 with
 * cyclic indices: dx_i/dt = (x_{i+1} - x_{i-2}) x_{i-1} - x_i + f. Any dimension n >= 4.
 *
 * @param initial initial state of length n (copied on access)
 */
public record Lorenz96(int n, double f, double[] initial) implements Flow {

  public Lorenz96 {
    if (n < 4) throw new IllegalArgumentException("Lorenz96 needs n >= 4, got " + n);
    if (initial.length != n) throw new IllegalArgumentException("initial state must have length n");
    initial = initial.clone();
  }

  /**
   * n sites with forcing f, started at the rest state x_i = f with site 0 nudged by 0.01 (the usual
   * start that leaves the unstable equilibrium).
   */
  public static Lorenz96 of(int n, double f) {
    double[] x0 = new double[n];
    Arrays.fill(x0, f);
    x0[0] += 0.01;
    return new Lorenz96(n, f, x0);
  }

  @Override
  public String name() {
    return "lorenz96";
  }

  @Override
  public int dimension() {
    return n;
  }

  @Override
  public void derivative(double[] s, double[] out) {
    for (int i = 0; i < n; i++) {
      double xp1 = s[(i + 1) % n];
      double xm1 = s[(i - 1 + n) % n];
      double xm2 = s[(i - 2 + n) % n];
      out[i] = (xp1 - xm2) * xm1 - s[i] + f;
    }
  }

  @Override
  public double[] initialState() {
    return initial.clone();
  }

  @Override
  public double integrationStep() {
    return 0.005;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Lorenz96 other
        && n == other.n
        && Double.compare(f, other.f) == 0
        && Arrays.equals(initial, other.initial);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * n + Double.hashCode(f)) + Arrays.hashCode(initial);
  }

  @Override
  public String toString() {
    return "Lorenz96[n=" + n + ", f=" + f + "]";
  }
}
