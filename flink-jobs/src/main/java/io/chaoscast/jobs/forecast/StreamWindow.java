package io.chaoscast.jobs.forecast;

import java.util.Arrays;

/**
 * The last {@code capacity} samples of one stream, a ring buffer kept in Flink keyed state (a POJO
 * so that Flink serialises it without Kryo). The delay embedding reads its delayed coordinates
 * straight out of this window.
 */
public class StreamWindow {
  public int capacity;
  public int channels;

  /** Samples currently held (at most capacity). */
  public int size;

  /** Index of the slot the next sample goes to. */
  public int head;

  /** Samples accepted since the window was last reset. */
  public long samples;

  /** capacity x channels values, row-major by slot. */
  public double[] values;

  public long[] timestamps;

  /** Channel names from the stream's first record that had them, or null. */
  public String[] channelNames;

  public StreamWindow() {}

  public static StreamWindow create(int capacity, int channels) {
    StreamWindow w = new StreamWindow();
    w.capacity = capacity;
    w.channels = channels;
    w.values = new double[capacity * channels];
    w.timestamps = new long[capacity];
    return w;
  }

  public void append(long timestamp, double[] sample) {
    System.arraycopy(sample, 0, values, head * channels, channels);
    timestamps[head] = timestamp;
    head = (head + 1) % capacity;
    if (size < capacity) size++;
    samples++;
  }

  /** Forgets the samples (after a gap, a context must not splice two stretches together). */
  public void reset() {
    size = 0;
    head = 0;
    samples = 0;
  }

  public long lastTimestamp() {
    return timestamps[(head - 1 + capacity) % capacity];
  }

  /** The held samples, oldest first, as [size][channels]. */
  public double[][] context() {
    double[][] out = new double[size][channels];
    int start = (head - size + capacity) % capacity;
    for (int i = 0; i < size; i++) {
      System.arraycopy(values, ((start + i) % capacity) * channels, out[i], 0, channels);
    }
    return out;
  }

  /**
   * Whether the next sample, {@code intervalMs} after the last, comes after a gap: {@code
   * intervalMs > factor * medianIntervalMs()}, the same comparison in the same arithmetic. Asked on
   * every record, so it first counts the intervals {@code v} with {@code factor * v >= intervalMs}:
   * when more than half of them do, so does the median (both middle values are among them, and
   * their mean is at least the smaller), and there is no gap without sorting anything.
   */
  public boolean isGap(long intervalMs, double factor, long[] scratch) {
    if (size < 2) return false;
    int n = size - 1;
    long[] intervals = intervals(scratch);
    int notShorter = 0;
    for (int i = 0; i < n; i++) if (!(intervalMs > factor * intervals[i])) notShorter++;
    if (notShorter > n / 2) return false;
    return intervalMs > factor * sortedMedian(intervals, n);
  }

  /** Median spacing of the held timestamps in ms (robust to a few jittered samples), or NaN. */
  public double medianIntervalMs() {
    return medianIntervalMs(new long[Math.max(0, size - 1)]);
  }

  /**
   * {@link #medianIntervalMs()} sorting in {@code scratch} (a new array only when it is shorter
   * than {@code size - 1}): the forecast stage asks for it with every request, and a fresh array
   * each time was a measurable share of the job's allocation.
   */
  public double medianIntervalMs(long[] scratch) {
    if (size < 2) return Double.NaN;
    return sortedMedian(intervals(scratch), size - 1);
  }

  /** The held samples' {@code size - 1} intervals, oldest first, in scratch or a longer array. */
  private long[] intervals(long[] scratch) {
    int n = size - 1;
    long[] out = scratch.length < n ? new long[n] : scratch;
    int start = (head - size + capacity) % capacity;
    for (int i = 1; i < size; i++) {
      out[i - 1] = timestamps[(start + i) % capacity] - timestamps[(start + i - 1) % capacity];
    }
    return out;
  }

  /** Sorts the first n values in place and returns their median. */
  private static double sortedMedian(long[] values, int n) {
    Arrays.sort(values, 0, n);
    return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
  }
}
