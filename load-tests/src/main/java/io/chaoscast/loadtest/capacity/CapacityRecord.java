package io.chaoscast.loadtest.capacity;

import io.chaoscast.loadtest.JobRun;
import java.util.List;

/**
 * One finished unit, as one line of {@code capacity.jsonl}.
 *
 * @param settings what the unit ran under (every line of a file has the same)
 * @param job the job that ran
 * @param rateEventsPerS the offered rate of the ladder step
 * @param streams streams that offered it
 * @param run what the job sustained, its lag and latency over the measured window
 * @param restarts restarts during the run (NaN: unknown)
 * @param holds whether the job held the rate ({@link HoldCriteria})
 * @param failures why it did not (empty when it held)
 * @param wallS how long the unit took, start-up and shut-down included (for the ETA of reruns)
 */
public record CapacityRecord(
    CapacitySettings settings,
    CapacityJob job,
    long rateEventsPerS,
    int streams,
    JobRun run,
    double restarts,
    boolean holds,
    List<String> failures,
    double wallS) {

  public CapacityRecord {
    failures = List.copyOf(failures);
  }

  public CapacityUnit unit() {
    return new CapacityUnit(job, rateEventsPerS);
  }
}
