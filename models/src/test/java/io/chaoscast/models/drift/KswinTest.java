package io.chaoscast.models.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KswinTest {

  @Test
  void ksStatisticIsTheLargestGapBetweenEmpiricalDistributions() {
    assertThat(Kswin.ksStatistic(new double[] {1, 2, 3}, new double[] {2, 3, 4}))
        .isCloseTo(1.0 / 3.0, within(1e-12));
    assertThat(Kswin.ksStatistic(new double[] {1, 2, 3}, new double[] {3, 1, 2})).isZero();
    assertThat(Kswin.ksStatistic(new double[] {1, 2}, new double[] {5, 6, 7})).isEqualTo(1.0);
  }

  @Test
  void criticalValueIsRaabsBoundForRiverDefaults() {
    assertThat(Kswin.withDefaults(0).criticalValue())
        .isCloseTo(Math.sqrt(-Math.log(0.005) / 30), within(1e-12))
        .isCloseTo(0.42025, within(1e-5));
  }

  @Test
  void neverSignalsOnIdenticalSamples() {
    Kswin k = Kswin.withDefaults(3);
    for (int i = 0; i < 1000; i++) assertThat(k.update(1.0)).isFalse();
    assertThat(k.statistic()).isZero();
  }

  @Test
  void signalsWithinOneStatWindowOfADistributionShift() {
    SplittableRandom r = new SplittableRandom(5);
    Kswin k = Kswin.withDefaults(1);
    int early = 0;
    for (int i = 0; i < 100; i++) if (k.update(r.nextDouble())) early++;
    int delay = -1;
    for (int i = 1; i <= 100 && delay < 0; i++) if (k.update(1 + r.nextDouble())) delay = i;
    assertThat(early).isZero();
    // disjoint supports: at x = 1 the gap is (shifted values among the last 30) / 30, which
    // exceeds 0.42 from the 13th shifted value on whatever the draw; sampling noise may cross
    // earlier
    assertThat(delay).isBetween(1, 13);
  }

  @Test
  void sameSeedGivesTheSameDecisions() {
    SplittableRandom r = new SplittableRandom(9);
    Kswin a = Kswin.withDefaults(42);
    Kswin b = Kswin.withDefaults(42);
    for (int i = 0; i < 2000; i++) {
      double x = r.nextGaussian() + (i > 1000 ? 0.8 : 0);
      assertThat(a.update(x)).isEqualTo(b.update(x));
      assertThat(a.statistic()).isEqualTo(b.statistic());
    }
  }
}
