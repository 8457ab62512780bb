package io.chaoscast.models.integrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chaoscast.models.systems.EquationFlow;
import io.chaoscast.models.systems.Flow;
import io.chaoscast.models.systems.MackeyGlass;
import org.junit.jupiter.api.Test;

/**
 * Convergence order on the harmonic oscillator x' = y, y' = -x, whose solution from (1, 0) is (cos
 * t, -sin t): halving h must divide the error at t = 10 by about 2^p.
 */
class IntegratorOrderTest {

  private static final Flow OSCILLATOR =
      new EquationFlow(
          "oscillator",
          2,
          (s, o) -> {
            o[0] = s[1];
            o[1] = -s[0];
          },
          new double[] {1, 0},
          0.01);

  private static double error(double[] s, double t) {
    return Math.hypot(s[0] - Math.cos(t), s[1] + Math.sin(t));
  }

  private static double observedOrder(double e1, double e2) {
    return Math.log(e1 / e2) / Math.log(2);
  }

  @Test
  void rk4ConvergesWithOrderFour() {
    Rk4 rk4 = new Rk4(OSCILLATOR);
    double[] errors = new double[2];
    double[] hs = {0.1, 0.05};
    for (int k = 0; k < 2; k++) {
      double[] s = {1, 0};
      int n = (int) Math.round(10 / hs[k]);
      for (int i = 0; i < n; i++) rk4.step(s, hs[k]);
      errors[k] = error(s, 10);
    }
    assertThat(observedOrder(errors[0], errors[1])).isCloseTo(4.0, within(0.15));
  }

  @Test
  void dormandPrinceFixedStepsConvergeWithOrderFive() {
    DormandPrince54 dp = new DormandPrince54(OSCILLATOR, 1e-6, 1e-9);
    double[] errors = new double[2];
    double[] hs = {0.2, 0.1};
    for (int k = 0; k < 2; k++) {
      double[] s = {1, 0};
      int n = (int) Math.round(10 / hs[k]);
      for (int i = 0; i < n; i++) dp.step(s, hs[k]);
      errors[k] = error(s, 10);
    }
    assertThat(observedOrder(errors[0], errors[1])).isCloseTo(5.0, within(0.3));
  }

  @Test
  void dormandPrinceAdaptiveMeetsItsToleranceAndLandsOnTheEndTime() {
    DormandPrince54 dp = new DormandPrince54(OSCILLATOR, 1e-10, 1e-12);
    double[] s = {1, 0};
    dp.advance(s, 10.0);
    assertThat(error(s, 10)).isLessThan(1e-8);
    DormandPrince54 loose = new DormandPrince54(OSCILLATOR, 1e-5, 1e-8);
    double[] s2 = {1, 0};
    loose.advance(s2, 10.0);
    assertThat(error(s2, 10)).isLessThan(1e-3).isGreaterThan(error(s, 10));
    assertThat(loose.acceptedSteps()).isLessThan(dp.acceptedSteps());
  }

  /**
   * The delay integrator on Mackey-Glass (no closed form): successive step halvings must shrink the
   * difference at t = 51 by at least 2^3, i.e. observed order >= 3 (4 expected).
   */
  @Test
  void delayRk4ConvergesOnMackeyGlass() {
    double[] x = new double[3];
    double[] lags = {0.425, 0.2125, 0.10625}; // tau = 17 is 40, 80, 160 steps
    for (int k = 0; k < 3; k++) {
      MackeyGlass mg = MackeyGlass.classic();
      final double step = lags[k];
      DelayRk4 rk =
          new DelayRk4(
              new io.chaoscast.models.systems.DelayFlow() {
                public String name() {
                  return mg.name();
                }

                public int dimension() {
                  return 1;
                }

                public double delay() {
                  return mg.delay();
                }

                public void derivative(double[] c, double[] d, double[] o) {
                  mg.derivative(c, d, o);
                }

                public double[] initialState() {
                  return mg.initialState();
                }

                public double integrationStep() {
                  return step;
                }
              });
      double[] h = rk.initialHistory();
      rk.advance(h, 51); // 3 tau: a whole number of steps for every h
      double[] out = new double[1];
      rk.current(h, out);
      x[k] = out[0];
    }
    double order = Math.log(Math.abs(x[0] - x[1]) / Math.abs(x[1] - x[2])) / Math.log(2);
    assertThat(order).isGreaterThan(3.0);
  }
}
