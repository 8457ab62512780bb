package io.chaoscast.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.schema.Observation;
import io.chaoscast.connectors.serde.Json;
import io.chaoscast.jobs.config.JobConfig.Delivery;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.functions.MapFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo with a job that fails on every record: it restarts in a loop and commits nothing. The
 * demo must say so in its status lines and summary and report failure, instead of printing status
 * lines to the end and succeeding.
 */
class DemoRunnerIT {

  /** A defect of the job itself: every record throws, so every attempt fails. */
  static final class AlwaysFails implements MapFunction<Observation, Observation> {
    private static final long serialVersionUID = 1L;

    @Override
    public Observation map(Observation o) {
      throw new IllegalStateException("injected job failure");
    }
  }

  @Test
  void shouldReportRestartsAndFailWhenTheJobCannotMakeProgress(@TempDir Path dir) throws Exception {
    Path summaryJson = dir.resolve("summary.json");
    var options =
        new DemoOptions(
            Duration.ofSeconds(90),
            1,
            20,
            0,
            summaryJson,
            null,
            Map.of(),
            Delivery.AT_LEAST_ONCE,
            500,
            1,
            null,
            1,
            Duration.ofSeconds(60),
            false,
            null);
    var out = new ByteArrayOutputStream();
    var log = new PrintStream(out, true, StandardCharsets.UTF_8);

    DemoSummary summary =
        new DemoRunner(options, log, parsed -> parsed.map(new AlwaysFails())).run();

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(summary.healthy()).isFalse();
    assertThat(summary.restarts()).isGreaterThan(1);
    assertThat(summary.problem()).contains("restarted");
    assertThat(summary.durationS()).isLessThan(80); // stopped early, not at the end of --duration
    assertThat(printed).contains("| restarts ").contains("stopping: ").contains("FAILED: ");
    var json = Json.mapper().readTree(Files.readAllBytes(summaryJson));
    assertThat(json.get("restarts").asInt()).isEqualTo(summary.restarts());
    assertThat(json.get("problem").asText()).isEqualTo(summary.problem());
  }
}
