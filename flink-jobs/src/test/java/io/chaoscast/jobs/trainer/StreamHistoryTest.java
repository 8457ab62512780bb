package io.chaoscast.jobs.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamHistoryTest {

  @Test
  void shouldKeepTheMostRecentSamplesOldestFirst() {
    StreamHistory h = new StreamHistory(3, 0);
    for (int i = 1; i <= 5; i++) assertThat(h.append(i * 10L, new double[] {i}, 100 + i)).isTrue();

    var s = h.snapshot();
    assertThat(s.values()).isDeepEqualTo(new double[][] {{3}, {4}, {5}});
    assertThat(s.firstMillis()).isEqualTo(30);
    assertThat(s.lastMillis()).isEqualTo(50);
    assertThat(s.dtSeconds()).isEqualTo(0.01);
    assertThat(h.oldestOffset()).isEqualTo(103);
    assertThat(h.newerThan(30)).isEqualTo(2);
    assertThat(h.newerThan(50)).isZero();
    assertThat(h.newerThan(Long.MIN_VALUE)).isEqualTo(3);
  }

  @Test
  void shouldRefuseSamplesThatAreNotNewerOrNotFinite() {
    StreamHistory h = new StreamHistory(4, 0);
    h.append(10, new double[] {1}, 0);

    assertThat(h.append(10, new double[] {2}, 1)).isFalse();
    assertThat(h.append(5, new double[] {2}, 2)).isFalse();
    assertThat(h.append(20, new double[] {Double.NaN}, 3)).isFalse();
    assertThat(h.size()).isEqualTo(1);
  }

  @Test
  void shouldRefuseASampleWithAnotherChannelCount() {
    StreamHistory h = new StreamHistory(4, 0);
    h.append(10, new double[] {1}, 0);
    h.append(20, new double[] {2}, 1);

    assertThat(h.append(30, new double[] {1, 2}, 2)).isFalse();
    assertThat(h.size()).isEqualTo(2);
    assertThat(h.append(40, new double[] {3}, 3)).isTrue();
    assertThat(h.channels()).isEqualTo(1);
  }

  @Test
  void snapshotShouldBeACopy() {
    StreamHistory h = new StreamHistory(2, 0);
    double[] v = {1};
    h.append(10, v, 0);
    var s = h.snapshot();
    v[0] = 9;
    h.append(20, new double[] {2}, 1);
    h.append(30, new double[] {3}, 2);

    assertThat(s.values()).isDeepEqualTo(new double[][] {{1}});
  }
}
