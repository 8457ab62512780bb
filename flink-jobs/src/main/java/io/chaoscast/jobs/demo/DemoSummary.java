package io.chaoscast.jobs.demo;

/**
 * What a demo run measured, written by {@code --summary-json}.
 *
 * @param events good observations sent
 * @param badRecords deliberately bad records sent
 * @param forecasts forecasts seen by the read-committed probe
 * @param dlq dead letters seen by the probe
 * @param alerts alert events (OPEN and RESOLVED) seen by the probe
 * @param openAlerts alerts open at the end
 * @param eventsPerS good observations per second over the run
 * @param latencyMs end-to-end latency percentiles, ms
 * @param restarts times the job restarted during the run (0 when healthy)
 * @param problem why the run was not healthy (the job restarted too often, stopped committing
 *     output while input flowed, or failed), or null when it was; the demo exits non-zero then
 * @param streamReport per stream, the self-tuning loop's outcome ({@link DemoReport}); empty
 *     without the trainer
 */
public record DemoSummary(
    double durationS,
    String delivery,
    int streams,
    double rateHz,
    long events,
    long badRecords,
    long forecasts,
    long dlq,
    long alerts,
    long openAlerts,
    double eventsPerS,
    double forecastsPerS,
    Latency latencyMs,
    int restarts,
    String problem,
    java.util.List<DemoReport.StreamOutcome> streamReport) {

  public boolean healthy() {
    return problem == null;
  }

  public record Latency(double p50, double p99, long samples) {}
}
