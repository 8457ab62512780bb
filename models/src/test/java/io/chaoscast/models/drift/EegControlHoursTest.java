package io.chaoscast.models.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EegControlHoursTest {

  /**
   * Garwood's exact bounds: -ln 0.05 after none, the chi-square quantiles / 2 after one and two.
   */
  @Test
  void thePoissonUpperBoundShouldMatchTheTabulatedValues() {
    assertThat(EegControlHours.poissonUpperBound(0, 0.05)).isCloseTo(2.9957, within(1e-4));
    assertThat(EegControlHours.poissonUpperBound(1, 0.05)).isCloseTo(4.7439, within(1e-4));
    assertThat(EegControlHours.poissonUpperBound(2, 0.05)).isCloseTo(6.2958, within(1e-4));
  }
}
