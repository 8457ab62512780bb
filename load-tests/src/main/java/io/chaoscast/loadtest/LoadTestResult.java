package io.chaoscast.loadtest;

import java.util.List;
import java.util.Locale;

/**
 * One load test: the passthrough baseline and one or more forecasting runs under the same offered
 * load, on the same broker. The flat fields describe the first forecasting run (the keys scripts
 * read, as in DESIGN.md's command-line contract); {@code runs} lists every run.
 *
 * @param profile what was offered ({@link LoadProfile#describe})
 * @param rateHz mean sample rate per stream
 * @param offeredEventsPerS events per second the generator sent
 * @param sustainedEventsPerS events per second the (first) forecasting job consumed over the
 *     measured window
 * @param passthroughEventsPerS the same for the passthrough job (parse, key, write back: no state,
 *     no model)
 * @param throughputRatio sustained / passthrough
 * @param latencyMsP50 end-to-end latency of the forecasting job, Kafka timestamp of the observation
 *     to the forecast readable by a consumer, nearest-rank median
 * @param lagGrowing whether the forecasting job fell further behind during the measured window
 * @param maxOutOfOrdernessMs the forecasting job's watermark bound
 * @param ordering the forecasting job's event-time ordering ({@code sort} or {@code arrival})
 * @param networkBufferTimeoutMs both jobs' network buffer timeout
 * @param driftMonitor whether the forecasting job ran its drift monitor
 */
public record LoadTestResult(
    double durationS,
    String profile,
    double badFraction,
    int streams,
    int channels,
    double rateHz,
    String model,
    String delivery,
    double offeredEventsPerS,
    double sustainedEventsPerS,
    double passthroughEventsPerS,
    double throughputRatio,
    double latencyMsP50,
    double latencyMsP99,
    double passthroughLatencyMsP50,
    double passthroughLatencyMsP99,
    boolean lagGrowing,
    boolean passthroughLagGrowing,
    long maxOutOfOrdernessMs,
    String ordering,
    long networkBufferTimeoutMs,
    boolean driftMonitor,
    List<JobRun> runs) {

  /** The setting under which every run of one load test was made. */
  public record Load(
      double durationS,
      LoadProfile profile,
      String delivery,
      long maxOutOfOrdernessMs,
      String ordering,
      long networkBufferTimeoutMs,
      boolean driftMonitor) {}

  /** Puts the passthrough first and expresses every forecasting run as a ratio to it. */
  public static LoadTestResult of(Load load, JobRun passthrough, List<JobRun> forecasting) {
    if (forecasting.isEmpty()) throw new IllegalArgumentException("no forecasting run");
    double base = passthrough.sustainedEventsPerS();
    List<JobRun> runs = new java.util.ArrayList<>();
    runs.add(passthrough.relativeTo(base));
    for (JobRun r : forecasting) runs.add(r.relativeTo(base));
    JobRun first = runs.get(1);
    LoadProfile profile = load.profile();
    return new LoadTestResult(
        load.durationS(),
        profile.describe(),
        profile.badFraction(),
        profile.streams(),
        profile.channels(),
        profile.meanRateHz(),
        first.model(),
        load.delivery(),
        profile.offeredEventsPerS(),
        first.sustainedEventsPerS(),
        base,
        first.throughputRatio(),
        first.latencyMsP50(),
        first.latencyMsP99(),
        passthrough.latencyMsP50(),
        passthrough.latencyMsP99(),
        first.lagGrowing(),
        passthrough.lagGrowing(),
        load.maxOutOfOrdernessMs(),
        load.ordering(),
        load.networkBufferTimeoutMs(),
        load.driftMonitor(),
        List.copyOf(runs));
  }

  /** A Markdown report. */
  public String toMarkdown(String command) {
    StringBuilder rows = new StringBuilder();
    for (JobRun r : runs) {
      rows.append(
          String.format(
              Locale.ROOT,
              "| %s | %.0f | %.2f | %.0f | %.0f | %s |%n",
              r.label(),
              r.sustainedEventsPerS(),
              r.throughputRatio(),
              r.latencyMsP50(),
              r.latencyMsP99(),
              r.lagGrowing() ? "yes" : "no"));
    }
    return String.format(
        Locale.ROOT,
        """
        # Load test

        Command: `%s`

        %s; %s delivery, %.0f s per run, watermark bound %d ms, %s ordering, network buffer timeout %d ms,
        drift monitor %s.

        | job | sustained events/s | ratio to passthrough | latency p50 ms | latency p99 ms | lag growing |
        |---|---|---|---|---|---|
        %s
        Sustained = events consumed per second over the run after a warm-up, read from the job's
        `records_in` counter. When the offered load exceeds what a job can take, its lag grows and
        the sustained figure is its capacity on this machine (generator and job share the CPU).
        Charts: throughput.png, latency.png.
        """,
        command,
        profile,
        delivery,
        durationS,
        maxOutOfOrdernessMs,
        ordering,
        networkBufferTimeoutMs,
        driftMonitor ? "on" : "off",
        rows);
  }
}
