package io.chaoscast.models.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ForecastSurpriseTest {

  @Test
  void normalTailMatchesTabulatedValues() {
    // Q(z) from the standard normal table (Abramowitz and Stegun 26.2)
    assertThat(NormalTail.upper(0)).isCloseTo(0.5, within(1e-7));
    assertThat(NormalTail.upper(2)).isCloseTo(0.022750131948179, withPercentage(1e-4));
    assertThat(NormalTail.upper(3)).isCloseTo(0.0013498980316301, withPercentage(1e-4));
    assertThat(NormalTail.upper(-1)).isCloseTo(0.841344746068543, withPercentage(1e-4));
    assertThat(NormalTail.upper(4.2649)).isCloseTo(1e-5, withPercentage(0.1));
    // E[|Z| given |Z| < 2.5] = sqrt(2/pi) (1 - exp(-3.125)) / (1 - 2 Q(2.5))
    assertThat(NormalTail.truncatedMeanAbs(2.5)).isCloseTo(0.772422, within(1e-5));
  }

  @Test
  void surpriseIsTheShortWindowMeanInLongRunStandardDeviations() {
    ForecastSurprise s = new ForecastSurprise(4, 1000);
    // alternating -1, +1: with weight 1/n the long run is their plain mean 0 and variance 1
    for (int i = 0; i < 400; i++) s.observe(i % 2 == 0 ? -1 : 1, true);
    assertThat(s.mean()).isCloseTo(0, within(1e-12));
    assertThat(s.observe(3, false)).isCloseTo(1.0, within(1e-12)); // (3 + 1 - 1 + 1) / 4
    assertThat(s.observe(3, false)).isCloseTo(1.5, within(1e-12));
    s.observe(3, false);
    double z = s.observe(3, false);
    assertThat(z).isCloseTo(3.0, within(1e-12));
    assertThat(ForecastSurprise.log10Surprise(z)).isCloseTo(2.869699, within(1e-5)); // -log10 Q(3)
  }

  @Test
  void aClippedSpikeBarelyMovesTheLongRunAndAGapEmptiesTheShortWindow() {
    ForecastSurprise s = new ForecastSurprise(4, 1000);
    for (int i = 0; i < 400; i++) s.observe(i % 2 == 0 ? -1 : 1, true);
    s.observe(1e6, true); // joins as mean + 3 sd = 3, not as 1e6
    assertThat(s.mean()).isCloseTo(3.0 / 401, within(1e-12));
    s.restart();
    assertThat(s.observe(0, true)).isNaN();
  }

  @Test
  void aStationaryGaussianErrorIsRarelySurprising() {
    ForecastSurprise s = new ForecastSurprise(8, 2048);
    Random random = new Random(5);
    int surprising = 0;
    for (int i = 0; i < 100_000; i++) {
      double z = s.observe(random.nextGaussian(), true);
      if (z >= 4.2649) surprising++; // Q <= 1e-5
    }
    assertThat(surprising).isZero();
  }
}
