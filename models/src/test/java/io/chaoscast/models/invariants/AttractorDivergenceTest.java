package io.chaoscast.models.invariants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chaoscast.models.integrate.FlowPropagator;
import io.chaoscast.models.integrate.Propagator;
import io.chaoscast.models.integrate.Trajectory;
import io.chaoscast.models.integrate.TrajectorySampler;
import io.chaoscast.models.metrics.Standardisation;
import io.chaoscast.models.systems.Lorenz63;
import io.chaoscast.models.systems.Lorenz96;
import org.junit.jupiter.api.Test;

class AttractorDivergenceTest {

  private static double[][] lorenz(double[] start, int n) {
    Propagator p = FlowPropagator.rk4(Lorenz63.classic());
    return TrajectorySampler.sample(p, start, n, 0.02, 20).values();
  }

  @Test
  void stateSpaceDivergenceIsSmallBetweenTwoRunsOfTheSameAttractorAndLargeForAnotherOne() {
    double[][] a = lorenz(new double[] {1, 1, 20}, 20_000);
    double[][] b = lorenz(new double[] {-5, 3, 25}, 20_000);
    Standardisation z = Standardisation.fit(a);
    double same = StateSpaceDivergence.compute(z.apply(a), z.apply(b));
    double[][] shifted = new double[b.length][];
    for (int i = 0; i < b.length; i++) shifted[i] = new double[] {b[i][0] + 10, b[i][1], b[i][2]};
    double different = StateSpaceDivergence.compute(z.apply(a), z.apply(shifted));
    assertThat(same).isLessThan(0.5);
    assertThat(different).isGreaterThan(3 * same).isGreaterThan(1.0);
  }

  @Test
  void gaussianMixtureVariantIsUsedAboveFiveDimensionsAndSeparatesAttractors() {
    Propagator p = FlowPropagator.rk4(Lorenz96.of(6, 8.0));
    Trajectory a = TrajectorySampler.sample(p, p.initialState(), 3000, 0.05, 20);
    Trajectory b = TrajectorySampler.sample(p, a.values()[2999].clone(), 3000, 0.05, 0);
    Propagator q = FlowPropagator.rk4(Lorenz96.of(6, 3.0));
    Trajectory c = TrajectorySampler.sample(q, q.initialState(), 3000, 0.05, 20);
    Standardisation z = Standardisation.fit(a.values());
    double same = StateSpaceDivergence.compute(z.apply(a.values()), z.apply(b.values()));
    double different = StateSpaceDivergence.compute(z.apply(a.values()), z.apply(c.values()));
    assertThat(same).isLessThan(0.3);
    assertThat(different).isGreaterThan(1.0);
  }

  @Test
  void powerSpectrumDistanceIsZeroForIdenticalSeriesAndLargeForDifferentFrequencies() {
    int n = 4096;
    double[][] a = new double[n][1], b = new double[n][1];
    for (int i = 0; i < n; i++) {
      a[i][0] = Math.sin(2 * Math.PI * i / 64.0);
      b[i][0] = Math.sin(2 * Math.PI * i / 16.0);
    }
    assertThat(PowerSpectrumDistance.compute(a, a)).isCloseTo(0.0, within(1e-6));
    assertThat(PowerSpectrumDistance.compute(a, b)).isGreaterThan(0.9).isLessThanOrEqualTo(1.0);
  }

  @Test
  void powerSpectrumDistanceIsSmallBetweenTwoRunsOfLorenz() {
    double[][] a = lorenz(new double[] {1, 1, 20}, 8192);
    double[][] b = lorenz(new double[] {-5, 3, 25}, 8192);
    assertThat(PowerSpectrumDistance.compute(a, b)).isLessThan(0.15);
  }
}
