package io.chaoscast.models.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chaoscast.models.metrics.Standardisation;
import io.chaoscast.models.training.Dataset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AttractorGeometryTest {

  /** 20 segments of 300 standardised Lorenz63 states. */
  private static double[][][] segments(int offset) {
    Dataset d = Dataset.simulate("lorenz63", 7000);
    double[][] z = Standardisation.fit(d.values()).apply(d.values());
    double[][][] out = new double[20][][];
    for (int i = 0; i < 20; i++) {
      out[i] = Arrays.copyOfRange(z, offset + 300 * i, offset + 300 * (i + 1));
    }
    return out;
  }

  @Test
  void identicalTrajectoriesShouldHaveNoGeometryError() {
    var truth = segments(0);
    AttractorGeometry g = AttractorGeometry.compare(truth, truth);
    assertThat(g.dFrac()).isEqualTo(0.0);
    assertThat(g.dStsp()).isCloseTo(0.0, within(1e-5)); // only the eps smoothing of empty bins
  }

  @Test
  void anotherStretchOfTheSameAttractorShouldScoreFarBetterThanACollapsedForecast() {
    var truth = segments(0);
    var sameAttractor = segments(1000);
    double[][][] collapsed = new double[20][300][];
    for (var seg : collapsed) Arrays.fill(seg, truth[0][0]);
    AttractorGeometry good = AttractorGeometry.compare(truth, sameAttractor);
    AttractorGeometry bad = AttractorGeometry.compare(truth, collapsed);
    assertThat(good.dFrac()).isLessThan(0.3); // D2 of Lorenz63 ~2.05 from both stretches
    assertThat(good.dStsp()).isLessThan(1.0);
    assertThat(bad.dStsp()).isGreaterThan(5 * good.dStsp());
  }

  @Test
  void overlappingTrueHorizonsShouldNotHideTheDimension() {
    // the bench's layout: 20 horizons of 300 steps starting 15 samples apart in one test stretch
    Dataset d = Dataset.simulate("lorenz63", 8000);
    double[][] z = Standardisation.fit(d.values()).apply(d.values());
    double[][][] overlapping = new double[20][][];
    for (int i = 0; i < 20; i++) overlapping[i] = Arrays.copyOfRange(z, 15 * i, 15 * i + 300);
    double[][][] distinctStretches = new double[20][][];
    for (int i = 0; i < 20; i++) {
      distinctStretches[i] = Arrays.copyOfRange(z, 1000 + 300 * i, 1300 + 300 * i);
    }
    double[][][] collapsed = new double[20][300][];
    for (var seg : collapsed) Arrays.fill(seg, z[0]);
    // both pools lie on the Lorenz attractor (D2 ~2.05); counting repeated true states gave D2 = 0
    assertThat(AttractorGeometry.compare(overlapping, distinctStretches).dFrac()).isLessThan(0.4);
    assertThat(AttractorGeometry.compare(overlapping, collapsed).dFrac()).isGreaterThan(1.5);
  }

  @Test
  void blownUpForecastsShouldBeDroppedAndTooFewStatesGiveNaN() {
    var truth = segments(0);
    double[][][] blown = new double[20][300][3];
    for (var seg : blown) for (var x : seg) Arrays.fill(x, Double.NaN);
    AttractorGeometry g = AttractorGeometry.compare(truth, blown);
    assertThat(g.dFrac()).isNaN();
    assertThat(g.dStsp()).isNaN();
  }
}
