package io.chaoscast.jobs.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.jobs.config.JobConfig.Delivery;
import io.chaoscast.loadtest.JobRun;
import io.chaoscast.loadtest.LoadProfile;
import io.chaoscast.loadtest.LoadTestCharts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short load test at a load both jobs can take: both must consume what was offered, report
 * latencies from the probe and print progress. (Throughput figures themselves come from real
 * loadtest runs, not from tests.)
 */
class LoadTestRunnerIT {

  @Test
  void shouldMeasureEveryVariantAgainstOnePassthroughAndReportProgress(@TempDir Path dir)
      throws Exception {
    var log = new ByteArrayOutputStream();
    var options =
        new LoadTestOptions(
            Duration.ofSeconds(8),
            LoadProfile.uniform(10, 3, 50, 0.02),
            java.util.List.of("persistence"),
            java.util.List.of(1, 64),
            Delivery.AT_LEAST_ONCE,
            1,
            100,
            io.chaoscast.jobs.config.JobConfig.Ordering.SORT,
            5,
            true,
            null);

    var result =
        new LoadTestRunner(options, new PrintStream(log, true, StandardCharsets.UTF_8)).run();

    assertThat(result.offeredEventsPerS()).isEqualTo(500.0);
    // Both keep up with 500 events/s, so each consumes about what was offered (a backlog left from
    // a slow start may be caught up inside the measured window, hence the loose upper bound).
    assertThat(result.passthroughEventsPerS()).isBetween(250.0, 4000.0);
    assertThat(result.sustainedEventsPerS()).isBetween(250.0, 4000.0);
    assertThat(result.throughputRatio())
        .isEqualTo(result.sustainedEventsPerS() / result.passthroughEventsPerS());
    assertThat(result.latencyMsP99()).isGreaterThanOrEqualTo(result.latencyMsP50()).isPositive();
    assertThat(result.passthroughLatencyMsP50()).isPositive();
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("[passthrough")
        .contains("[persistence batch 1 ")
        .contains("[persistence batch 64 ")
        .contains("events/s");
    assertThat(result.runs())
        .extracting(JobRun::label)
        .containsExactly("passthrough", "persistence (batch 1)", "persistence (batch 64)");
    for (JobRun run : result.runs()) {
      assertThat(run.sustainedEventsPerS()).isBetween(250.0, 4000.0);
      assertThat(run.throughputRatio())
          .isEqualTo(run.sustainedEventsPerS() / result.passthroughEventsPerS());
      assertThat(run.malformedSent()).isPositive(); // 2 % of ~4,000 records
      if (!run.job().equals("passthrough")) {
        // every malformed record the job took in reached the dead-letter topic; the `late` ones
        // are samples the generator sent behind the watermark when the machine stalled it
        assertThat(run.lateDeadLetters()).isBetween(0L, run.deadLetters());
        assertThat(run.deadLetters() - run.lateDeadLetters())
            .isPositive()
            .isLessThanOrEqualTo(run.malformedSent());
      }
      // one point per progress interval (a tenth of the run)
      assertThat(run.timeline()).isNotEmpty().allSatisfy(p -> assertThat(p.atS()).isPositive());
    }
    assertThat(result.toMarkdown("./forecaster loadtest"))
        .contains("| passthrough |")
        .contains("| persistence (batch 64) |");
    LoadTestCharts.write(dir, result);
    assertThat(ImageIO.read(dir.resolve("throughput.png").toFile()).getWidth()).isEqualTo(900);
    assertThat(ImageIO.read(dir.resolve("latency.png").toFile()).getWidth()).isEqualTo(900);
  }
}
