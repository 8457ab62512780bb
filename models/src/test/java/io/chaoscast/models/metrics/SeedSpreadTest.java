package io.chaoscast.models.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SeedSpreadTest {

  @Test
  void meanAndSampleStandardDeviationOfKnownValues() {
    double[] v = {2, 4, 4, 4, 5, 5, 7, 9};
    assertThat(SeedSpread.mean(v)).isEqualTo(5.0);
    // squared deviations sum to 32; over n - 1 = 7
    assertThat(SeedSpread.sampleSd(v)).isCloseTo(Math.sqrt(32.0 / 7), within(1e-12));
  }

  @Test
  void tooFewValuesHaveNoSpread() {
    assertThat(SeedSpread.mean(new double[0])).isNaN();
    assertThat(SeedSpread.sampleSd(new double[] {3})).isNaN();
    assertThat(SeedSpread.mean(new double[] {3})).isEqualTo(3.0);
  }
}
