package io.chaoscast.jobs.trainer;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The histories of the streams one trainer serves: at most {@code maxStreams}, the least recently
 * updated one evicted to make room for a new stream (its samples are gone; it starts afresh if it
 * comes back), each at most {@code samplesPerStream} samples. Memory is bounded by {@code
 * maxStreams x samplesPerStream x channels} doubles. Used by one thread (the consumer's).
 */
final class Histories {

  private final int maxStreams;
  private final int samplesPerStream;
  private long evicted;

  private final LinkedHashMap<String, StreamHistory> streams;

  Histories(int maxStreams, int samplesPerStream) {
    if (maxStreams < 1) throw new IllegalArgumentException("maxStreams must be >= 1");
    this.maxStreams = maxStreams;
    this.samplesPerStream = samplesPerStream;
    this.streams =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, StreamHistory> eldest) {
            if (size() <= Histories.this.maxStreams) return false;
            evicted++;
            return true;
          }
        };
  }

  /**
   * @return false when the sample was refused (see {@link StreamHistory#append})
   */
  boolean append(String stream, int partition, long timestampMillis, double[] values, long offset) {
    StreamHistory h = streams.get(stream);
    if (h == null || h.partition() != partition) {
      h = new StreamHistory(samplesPerStream, partition);
      streams.put(stream, h);
    }
    return h.append(timestampMillis, values, offset);
  }

  StreamHistory get(String stream) {
    return streams.get(stream);
  }

  /** Every stream with its history, least recently updated first (without touching the order). */
  void forEach(BiConsumer<String, StreamHistory> action) {
    for (var e : streams.entrySet()) action.accept(e.getKey(), e.getValue());
  }

  int size() {
    return streams.size();
  }

  /** Streams evicted to make room for new ones since the start. */
  long evicted() {
    return evicted;
  }

  /** Forgets the streams of partitions this trainer no longer reads (another trainer has them). */
  void dropPartitions(Set<Integer> partitions) {
    streams.values().removeIf(h -> partitions.contains(h.partition()));
  }

  /**
   * Per partition, the offset of the oldest sample kept of any of its streams: a consumer that
   * starts there rebuilds every history as it is now. Partitions without a history are absent.
   */
  Map<Integer, Long> oldestOffsets() {
    Map<Integer, Long> oldest = new HashMap<>();
    for (StreamHistory h : streams.values()) {
      if (h.size() > 0) oldest.merge(h.partition(), h.oldestOffset(), Math::min);
    }
    return oldest;
  }

  List<String> streamIds() {
    return List.copyOf(streams.keySet());
  }
}
