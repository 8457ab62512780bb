package io.chaoscast.jobs.loadtest;

import io.chaoscast.jobs.config.JobConfig.Delivery;
import java.nio.file.Path;
import java.time.Duration;

/**
 * @param duration how long each of the two runs (passthrough, forecasting) generates load
 * @param rateHz samples per second per stream
 * @param model forecasting model ({@code nvar} or {@code persistence})
 * @param report directory for report.md and result.json, or null
 */
public record LoadTestOptions(
    Duration duration,
    int streams,
    int channels,
    double rateHz,
    String model,
    Delivery delivery,
    int parallelism,
    Path report) {}
