package io.chaoscast.jobs.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.jobs.config.JobConfig.Delivery;
import io.chaoscast.loadtest.LoadProfile;
import io.chaoscast.loadtest.capacity.CapacityJob;
import io.chaoscast.loadtest.capacity.CapacityLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny capacity search on the real broker and MiniCluster: two low rates, a few seconds each, a
 * generous bound. Whether a job holds such a short run is not the point (a slow start can cost it
 * the 98 %); the files, and a rerun that runs nothing again, are.
 */
class CapacityRunnerIT {

  private static CapacityRunner.Options options() {
    var test =
        new LoadTestOptions(
            Duration.ofSeconds(5),
            LoadProfile.uniform(1, 3, 50, 0),
            List.of("persistence"),
            List.of(JobConfig.defaults().batching().maxBatch()),
            Delivery.AT_LEAST_ONCE,
            1,
            100,
            JobConfig.Ordering.ARRIVAL,
            5,
            true,
            null);
    return new CapacityRunner.Options(test, List.of(200L, 100L), 10_000);
  }

  @Test
  void shouldWriteEveryFinishedUnitAndSkipThemOnARerun(@TempDir Path dir) throws Exception {
    var log = new ByteArrayOutputStream();
    var report =
        new CapacityRunner(options(), new PrintStream(log, true, StandardCharsets.UTF_8))
            .run(dir, "./forecaster loadtest --capacity");

    String progress = log.toString(StandardCharsets.UTF_8);
    List<String> lines = Files.readAllLines(dir.resolve(CapacityLog.FILE));
    // each job ran at least its lowest rate (2 streams at 50 Hz), passthrough first
    assertThat(progress)
        .contains("capacity: unit 1 of 4: passthrough at 100 events/s (2 streams)")
        .contains("persistence (batch ")
        .contains("ETA ");
    assertThat(lines).hasSizeBetween(2, 4).hasSize(report.records().size());
    assertThat(report.records().get(0).job()).isEqualTo(CapacityJob.passthrough());
    assertThat(report.records().get(0).rateEventsPerS()).isEqualTo(100);
    assertThat(report.records().get(0).run().sustainedEventsPerS()).isPositive();
    assertThat(Files.readString(dir.resolve(CapacityRunner.MARKDOWN)))
        .contains("# Capacity search")
        .contains("| passthrough | ")
        .contains("## Every unit");
    assertThat(ImageIO.read(dir.resolve(CapacityRunner.CHART).toFile()).getWidth()).isEqualTo(900);

    var again = new ByteArrayOutputStream();
    var rerun =
        new CapacityRunner(options(), new PrintStream(again, true, StandardCharsets.UTF_8))
            .run(dir, "./forecaster loadtest --capacity");

    assertThat(again.toString(StandardCharsets.UTF_8))
        .contains(lines.size() + " unit(s) already in")
        .doesNotContain("capacity: unit ");
    assertThat(Files.readAllLines(dir.resolve(CapacityLog.FILE))).isEqualTo(lines);
    assertThat(rerun.capacities()).isEqualTo(report.capacities());
  }
}
