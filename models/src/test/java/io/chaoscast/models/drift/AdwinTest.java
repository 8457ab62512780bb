package io.chaoscast.models.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AdwinTest {

  @Test
  void cutThresholdMatchesTheHandComputedBound() {
    // n0 = n1 = 100, var 1, delta 0.002: delta' = 0.002 / ln 200, m = 50,
    // eps = sqrt(2/50 ln(2/delta')) + 2/150 ln(2/delta') = 0.700002
    assertThat(Adwin.cutThreshold(100, 100, 1.0, 0.002)).isCloseTo(0.7000022165, within(1e-9));
  }

  @Test
  void detectsAMeanShiftWithinTwoClockTicksAndForgetsTheOldMean() {
    SplittableRandom r = new SplittableRandom(7);
    Adwin adwin = Adwin.withDefaults();
    for (int i = 0; i < 1000; i++) assertThat(adwin.update(0.1 * r.nextGaussian())).isFalse();
    int delay = -1;
    for (int k = 1; k <= 200 && delay < 0; k++)
      if (adwin.update(0.5 + 0.1 * r.nextGaussian())) delay = k;
    assertThat(delay).isBetween(1, 2 * Adwin.DEFAULT_CLOCK);
    assertThat(adwin.width()).isLessThan(1000);
    assertThat(adwin.statistic()).isGreaterThan(0.1);
  }

  @Test
  void keepsTheWholeWindowOfAStationaryStream() {
    SplittableRandom r = new SplittableRandom(11);
    Adwin adwin = Adwin.withDefaults();
    int detections = 0;
    for (int i = 0; i < 5000; i++) if (adwin.update(r.nextGaussian())) detections++;
    assertThat(detections).isZero();
    assertThat(adwin.width()).isEqualTo(5000);
    assertThat(adwin.mean()).isCloseTo(0.0, within(0.05));
  }

  @Test
  void holdsLogarithmicallyManyBuckets() {
    Adwin adwin = Adwin.withDefaults();
    for (int i = 0; i < 100_000; i++) adwin.update(i % 2);
    // at most max_buckets + 1 buckets of each of the ~17 sizes 2^0 .. 2^16
    assertThat(adwin.bucketCount()).isLessThanOrEqualTo(6 * 17);
    assertThat(adwin.width()).isEqualTo(100_000);
    assertThat(adwin.mean()).isCloseTo(0.5, within(1e-12));
  }
}
