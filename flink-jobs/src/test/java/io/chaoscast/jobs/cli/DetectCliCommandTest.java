package io.chaoscast.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoscast.jobs.config.InvalidConfigException;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.models.drift.MonitorConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code detect} runs the job's data-quality stage and drift monitor under the job's settings, read
 * and checked by the job's loader.
 */
class DetectCliCommandTest {

  @TempDir Path dir;

  @Test
  void withoutSettingsItUsesTheJobsDefaults() throws Exception {
    assertThat(DetectCliCommand.settings(null, Map.of()))
        .isEqualTo(JobConfig.defaults().drift().monitorConfig())
        .isEqualTo(MonitorConfig.defaults());
  }

  @Test
  void readsTheDriftSectionOfAJobFileAndSettingsOverIt() throws Exception {
    Path job =
        Files.writeString(
            dir.resolve("job.yaml"),
            "kafka: {bootstrap_servers: b:9092}\n"
                + "drift: {reference_samples: 300, calibration_seconds: 1800}\n");
    MonitorConfig c = DetectCliCommand.settings(job, Map.of("reference_seconds", "600"));
    assertThat(c.referenceSamples()).isEqualTo(300);
    assertThat(c.calibrationSeconds()).isEqualTo(1800);
    assertThat(c.referenceSeconds()).isEqualTo(600);
  }

  @Test
  void refusesWhatTheJobRefusesNamingTheKeyWithExitCode2() throws Exception {
    assertThatThrownBy(() -> DetectCliCommand.settings(null, Map.of("reference_samples", "100")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("drift.reference_samples must be >= 256");
    assertThatThrownBy(
            () -> DetectCliCommand.settings(null, Map.of("anomaly_tail_probability", "0.7")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("drift.anomaly_tail_probability must be in (0, 0.5)");
    assertThatThrownBy(() -> DetectCliCommand.settings(null, Map.of("reference_sampels", "300")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("unknown key 'reference_sampels'");

    Path csv = Files.writeString(dir.resolve("s.csv"), "t,x\n0,1\n1,2\n");
    StringWriter err = new StringWriter();
    var cli = ForecasterCli.commandLine();
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute("detect", "--csv", csv.toString(), "--drift", "calibration_samples=10");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("drift.calibration_samples must be >= 8 hop + window");
  }

  @Test
  void runsTheJobsDataQualityStageFirstAndMonitorsOnlyTheRecordsItAccepts() throws Exception {
    StringBuilder csv = new StringBuilder("time_s,x,y\n");
    for (int i = 0; i < 1200; i++) {
      String x = i >= 10 && i < 16 ? (i % 2 == 0 ? "" : "NaN") : Double.toString(Math.sin(0.3 * i));
      double y = i >= 1100 && i < 1160 ? 0.5 : Math.cos(0.11 * i);
      csv.append(i).append(',').append(x).append(',').append(y).append('\n');
    }
    Path file = Files.writeString(dir.resolve("stream.csv"), csv);
    StringWriter out = new StringWriter();
    var cli = ForecasterCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    int code =
        cli.execute("detect", "--csv", file.toString(), "--json", "--quality", "gap_factor=20");
    assertThat(code).isZero();
    JsonNode r = new ObjectMapper().readTree(out.toString());
    assertThat(r.get("points").asInt()).isEqualTo(1200);
    assertThat(r.get("rejected_records").asInt()).isEqualTo(6);
    // the warm-up counts accepted records only: monitoring starts at the 961st (index 960), which
    // is record 966 of the file after the six rejected ones
    assertThat(r.get("monitored_from_sample").asInt()).isEqualTo(966);
    List<String> events = new ArrayList<>();
    r.get("data_quality")
        .forEach(
            e ->
                events.add(
                    e.get("kind").asText()
                        + " "
                        + e.get("state").asText()
                        + " "
                        + e.get("time_seconds").asDouble()));
    assertThat(events)
        .containsExactly(
            "NAN_BURST OPEN 14.0",
            "NAN_BURST RESOLVED 65.0",
            "FLAT_LINE OPEN 1149.0",
            "FLAT_LINE RESOLVED 1160.0");
  }

  @Test
  void aMalformedSeriesFileIsAnErrorNamingTheLineWithExitCode2() throws Exception {
    Path csv = Files.writeString(dir.resolve("bad.csv"), "t,x\n0,1\n1,12abc\n");
    StringWriter err = new StringWriter();
    var cli = ForecasterCli.commandLine();
    cli.setErr(new PrintWriter(err, true));
    assertThat(cli.execute("detect", "--csv", csv.toString())).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("error: ")
        .contains("bad.csv:3: column x is not a finite number: '12abc'")
        .doesNotContain("Exception");
    assertThat(cli.execute("detect", "--csv", csv.toString(), "--quality", "flat_line_samples=1"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("quality.flat_line_samples must be >= 2");
    Path backwards = Files.writeString(dir.resolve("back.csv"), "t,x\n0,1\n2,2\n1,3\n");
    assertThat(cli.execute("detect", "--csv", backwards.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains("row 3 of the series (time 1.0 s) is before the row above it (2.0 s)");
  }

  @Test
  void theTextReportReachesAWriterThatOnlyFlushesWhenAsked() throws Exception {
    Path csv = Files.writeString(dir.resolve("short.csv"), "t,x\n0,1\n1,2\n");
    StringWriter err = new StringWriter();
    var cli = ForecasterCli.commandLine();
    cli.setErr(new PrintWriter(new java.io.BufferedWriter(err, 1 << 16)));
    assertThat(cli.execute("detect", "--csv", csv.toString())).isZero();
    assertThat(err.toString())
        .contains("short.csv: 2 points, 1 channels")
        .contains("data quality: 0 records rejected (not monitored), 0 events");
  }
}
