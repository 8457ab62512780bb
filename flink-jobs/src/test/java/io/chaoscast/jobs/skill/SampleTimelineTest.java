package io.chaoscast.jobs.skill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SampleTimelineTest {

  @Test
  void sortsTheEntriesByTime() {
    Map<Long, double[]> held = new HashMap<>();
    for (long t : new long[] {1_000, -5, 40, 7, 1 << 20}) held.put(t, new double[] {t});
    SampleTimeline timeline = SampleTimeline.of(held.entrySet());
    assertThat(timeline.size()).isEqualTo(5);
    long[] times = new long[5];
    for (int i = 0; i < 5; i++) {
      times[i] = timeline.time(i);
      assertThat(timeline.values(i)).containsExactly((double) times[i]);
    }
    assertThat(times).containsExactly(-5, 7, 40, 1_000, 1 << 20);
    assertThat(SampleTimeline.of(null).size()).isZero();
  }

  @Test
  void answersTheRangeQueriesOfASortedMap() {
    // What SkillFunction asked of a TreeMap copy: the first key after t, and the nearest key to a
    // due time within [from, to] (the earliest of equally near ones).
    SplittableRandom r = new SplittableRandom(17);
    for (int trial = 0; trial < 200; trial++) {
      TreeMap<Long, double[]> sorted = new TreeMap<>();
      int n = r.nextInt(0, 80);
      for (int i = 0; i < n; i++) sorted.put(r.nextLong(0, 400), new double[] {i});
      SampleTimeline timeline = SampleTimeline.of(new HashMap<>(sorted).entrySet());
      for (int q = 0; q < 50; q++) {
        long t = r.nextLong(-10, 410);
        assertThat(timeline.firstAfter(t)).isEqualTo(sorted.headMap(t, true).size());
        double dt = r.nextInt(1, 30) + (r.nextBoolean() ? 0 : r.nextDouble());
        double due = t + r.nextDouble() * dt;
        long from = (long) Math.ceil(due - dt / 2);
        long to = (long) Math.floor(due + dt / 2);
        var near = sorted.subMap(from, true, to, true);
        long best = Long.MIN_VALUE;
        for (long k : near.keySet())
          if (best == Long.MIN_VALUE || Math.abs(k - due) < Math.abs(best - due)) best = k;
        assertThat(timeline.nearest(from, to, due))
            .isSameAs(best == Long.MIN_VALUE ? null : sorted.get(best));
      }
    }
  }

  @Test
  void picksTheEarlierOfTwoEquallyNearSamples() {
    Map<Long, double[]> held = new HashMap<>();
    double[] early = {1};
    held.put(95L, early);
    held.put(105L, new double[] {2});
    assertThat(SampleTimeline.of(held.entrySet()).nearest(95, 105, 100.0)).isSameAs(early);
  }

  @Test
  void rejectsAnEmptyRangeAsTheSortedMapDid() {
    SampleTimeline timeline = SampleTimeline.of(Map.of(1L, new double[] {1}).entrySet());
    assertThatThrownBy(() -> timeline.nearest(6, 5, 5.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
