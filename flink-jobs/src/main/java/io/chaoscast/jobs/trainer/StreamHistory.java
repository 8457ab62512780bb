package io.chaoscast.jobs.trainer;

/**
 * The most recent samples of one stream, oldest dropped first: a ring buffer of at most {@code
 * capacity} samples, each with its event time and the Kafka offset it came from (so the trainer
 * knows how far back a restart must read to rebuild it). Samples must arrive in increasing event
 * time; a sample that is not newer than the last, or has another channel count than the stream's
 * first, is refused (as the job refuses it: a wrong-count record goes to its dead-letter topic).
 */
final class StreamHistory {

  private final int partition;
  private final double[][] values;
  private final long[] timestamps;
  private final long[] offsets;
  private int start;
  private int size;
  private int channels = -1;

  StreamHistory(int capacity, int partition) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1");
    this.partition = partition;
    this.values = new double[capacity][];
    this.timestamps = new long[capacity];
    this.offsets = new long[capacity];
  }

  /**
   * @return false when the sample was refused (not newer than the last one, or not finite)
   */
  boolean append(long timestampMillis, double[] sample, long offset) {
    for (double v : sample) {
      if (!Double.isFinite(v)) return false;
    }
    if (size > 0 && sample.length != channels) return false;
    if (size > 0 && timestampMillis <= lastTimestamp()) return false;
    channels = sample.length;
    int capacity = values.length;
    int slot = (start + size) % capacity;
    values[slot] = sample.clone();
    timestamps[slot] = timestampMillis;
    offsets[slot] = offset;
    if (size < capacity) {
      size++;
    } else {
      start = (start + 1) % capacity;
    }
    return true;
  }

  int partition() {
    return partition;
  }

  int size() {
    return size;
  }

  int capacity() {
    return values.length;
  }

  int channels() {
    return channels;
  }

  long lastTimestamp() {
    if (size == 0) throw new IllegalStateException("empty history");
    return timestamps[(start + size - 1) % values.length];
  }

  /** The Kafka offset of the oldest sample kept; a restart that reads from it rebuilds them all. */
  long oldestOffset() {
    if (size == 0) throw new IllegalStateException("empty history");
    return offsets[start];
  }

  /** How many of the samples kept are newer than {@code timestampMillis}. */
  int newerThan(long timestampMillis) {
    int n = 0;
    for (int i = size - 1; i >= 0; i--) {
      if (timestamps[(start + i) % values.length] <= timestampMillis) break;
      n++;
    }
    return n;
  }

  /**
   * A copy of the samples kept, oldest first ({@code [t][channel]}), for a fit on another thread.
   */
  Snapshot snapshot() {
    double[][] copy = new double[size][];
    for (int i = 0; i < size; i++) copy[i] = values[(start + i) % values.length].clone();
    long first = timestamps[start];
    long last = lastTimestamp();
    double dtSeconds = size > 1 ? (last - first) / 1000.0 / (size - 1) : Double.NaN;
    return new Snapshot(copy, first, last, dtSeconds);
  }

  /**
   * @param dtSeconds the mean sampling interval over the history
   */
  record Snapshot(double[][] values, long firstMillis, long lastMillis, double dtSeconds) {}
}
