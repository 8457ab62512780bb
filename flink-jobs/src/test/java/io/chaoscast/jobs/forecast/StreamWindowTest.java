package io.chaoscast.jobs.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamWindowTest {

  /** Six samples wrapped around a window of five: intervals 20, 10, 30, 10 (jittered). */
  private static StreamWindow wrapped() {
    StreamWindow w = StreamWindow.create(5, 1);
    long[] times = {0, 1000, 1020, 1030, 1060, 1070};
    for (long t : times) w.append(t, new double[] {t});
    return w;
  }

  @Test
  void shouldTakeTheMedianOfTheHeldIntervalsOnly() {
    // the held samples are 1000..1070: intervals 20, 10, 30, 10; the evicted 1000 ms one is gone
    assertThat(wrapped().medianIntervalMs()).isEqualTo(15.0);
  }

  @Test
  void shouldGiveTheSameMedianWithAScratchArrayOfAnyLength() {
    StreamWindow w = wrapped();
    long[] scratch = new long[4];
    assertThat(w.medianIntervalMs(scratch)).isEqualTo(15.0);
    assertThat(w.medianIntervalMs(scratch)).as("reused").isEqualTo(15.0);
    assertThat(w.medianIntervalMs(new long[1])).as("too short").isEqualTo(15.0);
  }

  @Test
  void shouldHaveNoMedianBeforeTwoSamples() {
    StreamWindow w = StreamWindow.create(5, 1);
    w.append(0, new double[] {1});
    assertThat(w.medianIntervalMs(new long[4])).isNaN();
  }

  @Test
  void aGapIsAnIntervalLongerThanTheFactorTimesTheMedian() {
    StreamWindow w = wrapped(); // median 15
    long[] scratch = new long[4];
    assertThat(w.isGap(75, 5.0, scratch)).isFalse(); // 75 = 5 x 15: not longer
    assertThat(w.isGap(76, 5.0, scratch)).isTrue();
    assertThat(StreamWindow.create(5, 1).isGap(1_000_000, 5.0, scratch)).isFalse(); // no samples
  }

  /** The counting shortcut decides exactly as the median does, on jittered and paused series. */
  @Test
  void isGapAgreesWithTheMedianRuleOnRandomWindows() {
    var random = new java.util.SplittableRandom(11);
    long[] scratch = new long[8];
    for (int trial = 0; trial < 20_000; trial++) {
      StreamWindow w = StreamWindow.create(1 + random.nextInt(8), 1);
      long t = 0;
      int samples = 1 + random.nextInt(12);
      for (int i = 0; i < samples; i++) {
        t += random.nextInt(4) == 0 ? random.nextLong(1, 200) : random.nextLong(9, 12);
        w.append(t, new double[] {0});
      }
      long interval = random.nextLong(0, 120);
      double factor = 1 + 4 * random.nextDouble();
      boolean byMedian = w.size >= 2 && interval > factor * w.medianIntervalMs(new long[8]);
      assertThat(w.isGap(interval, factor, scratch)).isEqualTo(byMedian);
    }
  }
}
