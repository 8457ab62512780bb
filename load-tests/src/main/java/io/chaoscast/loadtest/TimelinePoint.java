package io.chaoscast.loadtest;

/**
 * One progress interval of a load-test run.
 *
 * @param atS seconds since the run started
 * @param eventsPerS events the job consumed per second over the interval
 * @param lag events sent but not yet consumed at the end of the interval
 * @param latencyMsP50 nearest-rank median of the latencies observed in the interval (NaN if none)
 * @param latencyMsP99 the same, 99th percentile
 */
public record TimelinePoint(
    double atS, double eventsPerS, double lag, double latencyMsP50, double latencyMsP99) {}
