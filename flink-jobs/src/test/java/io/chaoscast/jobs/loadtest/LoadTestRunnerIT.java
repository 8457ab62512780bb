package io.chaoscast.jobs.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.jobs.config.JobConfig.Delivery;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A short load test at a load both jobs can take: both must consume what was offered, report
 * latencies from the probe and print progress. (Throughput figures themselves come from real
 * loadtest runs, not from tests.)
 */
class LoadTestRunnerIT {

  @Test
  void shouldMeasureBothJobsUnderTheSameLoadAndReportProgress() throws Exception {
    var log = new ByteArrayOutputStream();
    var options =
        new LoadTestOptions(
            Duration.ofSeconds(10),
            10,
            3,
            50,
            "persistence",
            Delivery.AT_LEAST_ONCE,
            1,
            100,
            5,
            null);

    var result =
        new LoadTestRunner(options, new PrintStream(log, true, StandardCharsets.UTF_8)).run();

    assertThat(result.offeredEventsPerS()).isEqualTo(500.0);
    // Both keep up with 500 events/s, so each consumes about what was offered (a backlog left from
    // a slow start may be caught up inside the measured window, hence the loose upper bound).
    assertThat(result.passthroughEventsPerS()).isBetween(250.0, 1000.0);
    assertThat(result.sustainedEventsPerS()).isBetween(250.0, 1000.0);
    assertThat(result.throughputRatio())
        .isEqualTo(result.sustainedEventsPerS() / result.passthroughEventsPerS());
    assertThat(result.latencyMsP99()).isGreaterThanOrEqualTo(result.latencyMsP50()).isPositive();
    assertThat(result.passthroughLatencyMsP50()).isPositive();
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("[passthrough")
        .contains("[forecasting")
        .contains("events/s");
    assertThat(result.toMarkdown("./forecaster loadtest")).contains("| forecasting |");
  }
}
