package io.chaoscast.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoscast.jobs.config.InvalidConfigException;
import io.chaoscast.jobs.config.JobConfig;
import io.chaoscast.models.drift.MonitorConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code detect} runs under the job's drift settings, read and checked by the job's loader. */
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
}
