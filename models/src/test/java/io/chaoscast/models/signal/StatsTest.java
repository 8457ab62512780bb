package io.chaoscast.models.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void meanAndSampleStandardDeviationOfKnownValues() {
    double[] v = {2, 4, 4, 4, 5, 5, 7, 9};
    assertThat(Stats.mean(v)).isEqualTo(5.0);
    // squared deviations sum to 32; over n - 1 = 7
    assertThat(Stats.std(v)).isCloseTo(Math.sqrt(32.0 / 7), within(1e-12));
  }

  @Test
  void tooFewValuesHaveNoSpread() {
    assertThat(Stats.mean(new double[0])).isNaN();
    assertThat(Stats.std(new double[] {3})).isNaN();
    assertThat(Stats.mean(new double[] {3})).isEqualTo(3.0);
  }
}
