package io.chaoscast.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.models.artifact.ModelArtifacts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ForecasterCliTest {

  @TempDir Path dir;

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    var cli = ForecasterCli.commandLine();
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void shouldFailFastWithExitCode2AndNameTheKeyToFix() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("job.yaml"),
            "kafka: {bootstrap_servers: b:9092}\nforecast: {horizon_steps: 0}\n");

    assertThat(run("run", "--config", config.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("error:").contains("forecast.horizon_steps must be >= 1");
  }

  @Test
  void shouldSayWhichConfigurationFileIsMissing() {
    assertThat(run("run", "--config", dir.resolve("nope.yaml").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("cannot read configuration file").contains("nope.yaml");
  }

  @Test
  void shouldRejectABadDurationBeforeStartingAnything() {
    assertThat(run("demo", "--duration", "soon")).isEqualTo(2);
    assertThat(err.toString()).contains("'soon' is not a duration");
  }

  @Test
  void shouldRefuseATrainerMisconfigurationNamingTheFlags() throws Exception {
    Path config =
        Files.writeString(dir.resolve("job.yaml"), "kafka: {bootstrap_servers: b:9092}\n");

    assertThat(
            run(
                "trainer",
                "--config",
                config.toString(),
                "--holdout",
                "1",
                "--max-concurrent-fits",
                "0"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("error:")
        .contains("topics.models")
        .contains("--holdout 1")
        .contains("--max-concurrent-fits must be at least 1");
  }

  @Test
  void shouldSayWhichFileItCouldNotWriteWithoutAStackTrace() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("blocker"), "a file, not a directory");
    Path out = notADirectory.resolve("model");

    assertThat(run("train", "--system", "lorenz63", "--model", "nvar", "--out", out.toString()))
        .isEqualTo(1);
    assertThat(err.toString())
        .startsWith("error: ")
        .contains(out.toString())
        .doesNotContain("\tat ");
  }

  @Test
  void theNvarResidualShouldBeADefaultOfTheMambasOnlyAndAnExplicitRequestElsewhereRefused() {
    assertThat(run("train", "--system", "lorenz63", "--model", "esn", "--out", dir + "/a"))
        .isZero();
    assertThat(
            run(
                "train",
                "--system",
                "lorenz63",
                "--model",
                "esn",
                "--nvar-residual",
                "--out",
                dir + "/b"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("mamba/phyxmamba only");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "--nvar-residual", "--no-nvar-residual"})
  void benchShouldRunTheNvarResidualUnlessToldNotTo(String flag) throws Exception {
    Path out = dir.resolve("bench");
    List<String> args =
        new ArrayList<>(
            List.of("bench", "--suite", "quick", "--models", "nvar", "--seeds", "42", "--out"));
    args.add(out.toString());
    if (!flag.isEmpty()) args.add(flag);

    assertThat(run(args.toArray(String[]::new))).isZero();
    String command = Files.readAllLines(out.resolve("results.md")).get(2);
    if (flag.equals("--no-nvar-residual")) {
      assertThat(command).contains("--no-nvar-residual");
    } else {
      assertThat(command).doesNotContain("nvar-residual");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"--nvar-residual", "--no-nvar-residual"})
  void trainShouldReadTheNvarResidualFlagsAsWritten(String flag) throws Exception {
    Path out = dir.resolve("train");
    assertThat(
            run(
                "train",
                "--system",
                "lorenz63",
                "--model",
                "mamba",
                "--epochs",
                "1",
                flag,
                "--out",
                out.toString()))
        .isZero();
    var manifest = ModelArtifacts.readManifest(out);
    assertThat(Boolean.TRUE.equals(manifest.hyperparameters().get("nvar_residual")))
        .isEqualTo(flag.equals("--nvar-residual"));
  }

  @Test
  void shouldSimulateASystemToCsv() throws Exception {
    Path out = dir.resolve("lorenz.csv");
    assertThat(run("simulate", "lorenz63", "--points", "50", "--out", out.toString())).isZero();
    var lines = Files.readAllLines(out);
    assertThat(lines).hasSize(51);
    assertThat(lines.get(1).split(",")).hasSize(4);
  }
}
