package io.chaoscast.loadtest;

/**
 * One load test: the forecasting job and the passthrough baseline under the same offered load.
 *
 * @param offeredEventsPerS events per second the generator sent
 * @param sustainedEventsPerS events per second the forecasting job consumed over the measured
 *     window
 * @param passthroughEventsPerS the same for the passthrough job (parse, key, write back: no state,
 *     no model)
 * @param throughputRatio sustained / passthrough
 * @param latencyMsP50 end-to-end latency of the forecasting job, Kafka timestamp of the observation
 *     to the forecast readable by a consumer, nearest-rank median
 * @param lagGrowing whether the forecasting job fell further behind during the measured window
 */
public record LoadTestResult(
    double durationS,
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
    boolean passthroughLagGrowing) {

  /** A Markdown report. */
  public String toMarkdown(String command) {
    return String.format(
        java.util.Locale.ROOT,
        """
        # Load test

        Command: `%s`

        %d streams x %d channels at %.0f Hz each (%.0f events/s offered), %s delivery, model `%s`, %.0f s per run.

        | job | sustained events/s | ratio to passthrough | latency p50 ms | latency p99 ms | lag growing |
        |---|---|---|---|---|---|
        | passthrough | %.0f | 1.00 | %.0f | %.0f | %s |
        | forecasting | %.0f | %.2f | %.0f | %.0f | %s |

        Sustained = events consumed per second over the run after a warm-up, read from the job's
        `records_in` counter. When the offered load exceeds what a job can take, its lag grows and
        the sustained figure is its capacity on this machine (generator and job share the CPU).
        """,
        command,
        streams,
        channels,
        rateHz,
        offeredEventsPerS,
        delivery,
        model,
        durationS,
        passthroughEventsPerS,
        passthroughLatencyMsP50,
        passthroughLatencyMsP99,
        passthroughLagGrowing,
        sustainedEventsPerS,
        throughputRatio,
        latencyMsP50,
        latencyMsP99,
        lagGrowing);
  }
}
