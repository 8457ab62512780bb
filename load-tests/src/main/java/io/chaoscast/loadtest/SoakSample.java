package io.chaoscast.loadtest;

import java.util.Locale;

/**
 * One sample of a soak run.
 *
 * @param atS seconds since the run started
 * @param eventsPerS records the job consumed per second since the previous sample
 * @param lag records sent but not yet consumed by the job
 * @param heapUsedMb heap in use now (JobManager, TaskManager and generator share the JVM)
 * @param heapAfterGcMb heap in use right after the last collection of each pool: what is retained
 * @param checkpointBytes the size of the last completed checkpoint (the job's state)
 * @param liveStreams streams the job holds state for (the stream-admission operator's count)
 * @param deadLetters records on the dead-letter topic so far
 */
public record SoakSample(
    double atS,
    double eventsPerS,
    double lag,
    double heapUsedMb,
    double heapAfterGcMb,
    double checkpointBytes,
    double liveStreams,
    long deadLetters) {

  public static final String CSV_HEADER =
      "at_s,events_per_s,lag,heap_used_mb,heap_after_gc_mb,checkpoint_bytes,live_streams,dead_letters";

  public String toCsv() {
    return String.format(
        Locale.ROOT,
        "%.1f,%.1f,%.0f,%.1f,%.1f,%.0f,%.0f,%d",
        atS,
        eventsPerS,
        lag,
        heapUsedMb,
        heapAfterGcMb,
        checkpointBytes,
        liveStreams,
        deadLetters);
  }

  public static SoakSample fromCsv(String line) {
    String[] f = line.split(",");
    return new SoakSample(
        Double.parseDouble(f[0]),
        Double.parseDouble(f[1]),
        Double.parseDouble(f[2]),
        Double.parseDouble(f[3]),
        Double.parseDouble(f[4]),
        Double.parseDouble(f[5]),
        Double.parseDouble(f[6]),
        Long.parseLong(f[7]));
  }
}
