package io.chaoscast.jobs.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HistoriesTest {

  @Test
  void shouldEvictTheLeastRecentlyUpdatedStreamBeyondTheBound() {
    Histories h = new Histories(2, 10);
    h.append("a", 0, 1, new double[] {1}, 0);
    h.append("b", 0, 1, new double[] {1}, 1);
    h.append("a", 0, 2, new double[] {1}, 2);
    h.append("c", 0, 1, new double[] {1}, 3);

    assertThat(h.streamIds()).containsExactlyInAnyOrder("a", "c");
    assertThat(h.evicted()).isEqualTo(1);
  }

  @Test
  void shouldGiveEachPartitionTheOffsetOfTheOldestSampleStillKept() {
    Histories h = new Histories(10, 2);
    h.append("a", 0, 1, new double[] {1}, 10);
    h.append("b", 0, 1, new double[] {1}, 11);
    h.append("a", 0, 2, new double[] {1}, 12);
    h.append("a", 0, 3, new double[] {1}, 13); // drops a's sample at offset 10
    h.append("c", 1, 1, new double[] {1}, 7);

    assertThat(h.oldestOffsets()).isEqualTo(Map.of(0, 11L, 1, 7L));

    h.dropPartitions(Set.of(0));
    assertThat(h.streamIds()).containsExactly("c");
    assertThat(h.oldestOffsets()).isEqualTo(Map.of(1, 7L));
  }
}
