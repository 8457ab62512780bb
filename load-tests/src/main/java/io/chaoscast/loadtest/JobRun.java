package io.chaoscast.loadtest;

import java.util.List;

/**
 * What one job sustained under the offered load.
 *
 * @param job {@code passthrough} or {@code forecasting}
 * @param model the forecasting model (empty for the passthrough)
 * @param maxBatch the batching bound the forecasting job ran with (0 for the passthrough)
 * @param sustainedEventsPerS events per second consumed over the measured window (after warm-up),
 *     from the job's {@code records_in} counter
 * @param throughputRatio sustained / the passthrough's sustained, in the same load test
 * @param latencyMsP50 end-to-end latency, Kafka timestamp of an observation to its forecast (or
 *     echo) readable by a read-committed consumer; nearest-rank median over the measured window
 * @param lagGrowing whether the job fell more than one second of load further behind over the
 *     measured window
 * @param malformedSent malformed records the generator sent during the run
 * @param deadLetters records the probe read from the dead-letter topic (0 for the passthrough,
 *     which drops them)
 * @param lateDeadLetters of those, the ones with reason {@code late}: samples the generator sent
 *     behind the watermark after a stall of its thread, not malformed records
 * @param timeline progress intervals (not in the JSON; drawn in the report's charts)
 */
public record JobRun(
    String job,
    String model,
    int maxBatch,
    double sustainedEventsPerS,
    double throughputRatio,
    double latencyMsP50,
    double latencyMsP99,
    boolean lagGrowing,
    long malformedSent,
    long deadLetters,
    long lateDeadLetters,
    @com.fasterxml.jackson.annotation.JsonIgnore List<TimelinePoint> timeline) {

  public JobRun relativeTo(double passthroughEventsPerS) {
    return new JobRun(
        job,
        model,
        maxBatch,
        sustainedEventsPerS,
        sustainedEventsPerS / passthroughEventsPerS,
        latencyMsP50,
        latencyMsP99,
        lagGrowing,
        malformedSent,
        deadLetters,
        lateDeadLetters,
        timeline);
  }

  /** A label for tables and chart legends. */
  public String label() {
    return job.equals("passthrough") ? job : model + " (batch " + maxBatch + ")";
  }
}
