package io.chaoscast.jobs.skill;

import java.util.Arrays;
import java.util.Map;

/**
 * A stream's held samples sorted by event time, read once from keyed state per timer: the range
 * queries {@link SkillFunction} needs (the samples for a scale update, a step's candidates, the
 * samples to drop) as binary searches over two arrays. It replaced a {@code TreeMap} copy of the
 * state made on every timer (about 7 % of the timers' CPU, docs/bench/skill-state.txt); the answers
 * are the same, in the same order.
 */
final class SampleTimeline {

  private final long[] times;
  private final double[][] values;

  private SampleTimeline(long[] times, double[][] values) {
    this.times = times;
    this.values = values;
  }

  /** The entries (distinct times, any order; null: none), sorted by time. */
  static SampleTimeline of(Iterable<Map.Entry<Long, double[]>> entries) {
    int n = 0;
    long[] keys = new long[16];
    double[][] held = new double[16][];
    if (entries != null) {
      for (var e : entries) {
        if (n == keys.length) {
          keys = Arrays.copyOf(keys, 2 * n);
          held = Arrays.copyOf(held, 2 * n);
        }
        keys[n] = e.getKey();
        held[n++] = e.getValue();
      }
    }
    long[] times = Arrays.copyOf(keys, n);
    Arrays.sort(times);
    double[][] values = new double[n][];
    for (int i = 0; i < n; i++) values[Arrays.binarySearch(times, keys[i])] = held[i];
    return new SampleTimeline(times, values);
  }

  int size() {
    return times.length;
  }

  long time(int i) {
    return times[i];
  }

  double[] values(int i) {
    return values[i];
  }

  /** Index of the first sample later than {@code t} ({@link #size()} if none). */
  int firstAfter(long t) {
    int lo = 0;
    int hi = times.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (times[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the first sample at or after {@code t} ({@link #size()} if none). */
  int firstAtOrAfter(long t) {
    return t == Long.MIN_VALUE ? 0 : firstAfter(t - 1);
  }

  /**
   * The sample in [{@code from}, {@code to}] nearest {@code due}, the earliest of equally near
   * ones; null if the range holds none.
   *
   * @throws IllegalArgumentException if from > to (as the sorted map's range view did)
   */
  double[] nearest(long from, long to, double due) {
    if (from > to) throw new IllegalArgumentException("fromKey > toKey");
    int end = firstAfter(to);
    int best = -1;
    for (int i = firstAtOrAfter(from); i < end; i++)
      if (best < 0 || Math.abs(times[i] - due) < Math.abs(times[best] - due)) best = i;
    return best < 0 ? null : values[best];
  }
}
