package io.chaoscast.loadtest.capacity;

import io.chaoscast.loadtest.JobRun;

/**
 * What one run measured.
 *
 * @param run throughput, latency and lag over the measured window (after the warm-up)
 * @param restarts how often the job restarted during the run (its counters reset with each, so a
 *     run with one has no valid sustained figure); NaN when it could not be read
 */
public record Measurement(JobRun run, double restarts) {}
