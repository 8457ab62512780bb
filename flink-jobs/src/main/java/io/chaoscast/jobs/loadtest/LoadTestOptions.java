package io.chaoscast.jobs.loadtest;

import io.chaoscast.jobs.config.JobConfig.Delivery;
import java.nio.file.Path;
import java.time.Duration;

/**
 * @param duration how long each of the two runs (passthrough, forecasting) generates load
 * @param rateHz samples per second per stream
 * @param model forecasting model ({@code nvar} or {@code persistence})
 * @param maxOutOfOrdernessMs the forecasting job's watermark bound ({@code
 *     event_time.max_out_of_orderness_ms})
 * @param networkBufferTimeoutMs both jobs' {@code network_buffer_timeout_ms}
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
    long maxOutOfOrdernessMs,
    long networkBufferTimeoutMs,
    Path report) {}
