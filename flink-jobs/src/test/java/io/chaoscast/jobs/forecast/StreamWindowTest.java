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
}
