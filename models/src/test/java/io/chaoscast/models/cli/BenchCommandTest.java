package io.chaoscast.models.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick suite (Lorenz63; persistence, NVAR, ESN, Mamba) end to end, then a resumed rerun. */
class BenchCommandTest {

  @TempDir Path out;

  @Test
  void quickSuiteShouldRankNvarAndMambaAbovePersistenceAndResumeWithoutRerunningUnits()
      throws Exception {
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    BenchReport first =
        BenchCommand.run(
            BenchCommand.QUICK_SYSTEMS,
            BenchCommand.QUICK_MODELS,
            out,
            new PrintStream(progress, true, StandardCharsets.UTF_8));
    System.err.print(progress.toString(StandardCharsets.UTF_8));
    System.err.print(Files.readString(first.table()));

    BenchReport.Row persistence = first.row("lorenz63", "persistence").orElseThrow();
    BenchReport.Row nvar = first.row("lorenz63", "nvar").orElseThrow();
    BenchReport.Row esn = first.row("lorenz63", "esn").orElseThrow();
    BenchReport.Row mamba = first.row("lorenz63", "mamba").orElseThrow();
    BenchReport.Row parrot = first.row("lorenz63", "parrot").orElseThrow();
    BenchReport.Row nvarWindow = first.row("lorenz63", "nvar-window").orElseThrow();
    assertThat(first.unitsRun()).isEqualTo(BenchCommand.QUICK_MODELS.size());
    // the zero-shot baselines: nothing trained, each context forecast on its own
    assertThat(parrot.vptLyapunov()).isGreaterThan(2 * persistence.vptLyapunov());
    assertThat(nvarWindow.vptLyapunov()).isGreaterThan(2 * persistence.vptLyapunov());
    assertThat(parrot.trainSeconds()).isZero();
    assertThat(nvar.vptLyapunov()).isGreaterThan(2 * persistence.vptLyapunov());
    assertThat(esn.vptLyapunov()).isGreaterThan(persistence.vptLyapunov());
    // loose on purpose: persistence holds ~0.03 LT; a few CPU epochs of Mamba reach several times
    // it
    assertThat(mamba.vptLyapunov()).isGreaterThan(Math.max(0.1, 3 * persistence.vptLyapunov()));
    assertThat(nvar.origins()).isEqualTo(BenchCommand.ORIGINS);
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("units/s").contains("ETA");
    assertThat(Files.readString(first.table())).contains("| lorenz63 | nvar |");
    assertThat(out.resolve("models/lorenz63__nvar/manifest.json")).exists();
    // persistence repeats 20 states 300 times: far from the attractor's occupancy
    assertThat(nvar.dStsp()).isLessThan(persistence.dStsp());
    assertThat(nvar.dFrac()).isFinite().isNotNegative();
    assertThat(Files.readString(first.table())).contains("D_frac").contains("D_stsp");
    assertThat(out.resolve("plots/lorenz63__nvar.png")).isNotEmptyFile();
    assertThat(out.resolve("plots/lorenz63__esn-attractor.png")).isNotEmptyFile();

    BenchReport resumed =
        BenchCommand.run(
            BenchCommand.QUICK_SYSTEMS,
            BenchCommand.QUICK_MODELS,
            out,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(resumed.unitsRun()).isZero();
    assertThat(resumed.unitsSkipped()).isEqualTo(BenchCommand.QUICK_MODELS.size());
    assertThat(resumed.rows()).isEqualTo(first.rows());
  }

  @Test
  void evalCommandShouldScoreACsvWithTheModelsNormalisation() throws Exception {
    io.chaoscast.models.training.Dataset all =
        io.chaoscast.models.training.Dataset.simulate("lorenz63", 1750);
    Path model = out.resolve("nvar");
    TrainCommand.train(all.slice(0, 1000), "nvar", model, TrainCommand.Options.defaults());
    io.chaoscast.models.training.Dataset test = all.slice(1000, 1750);
    Path csv = out.resolve("test.csv");
    double[] times = new double[test.size()];
    for (int i = 0; i < times.length; i++) times[i] = i * test.dt();
    new CsvSeries(java.util.List.of("x", "y", "z"), times, test.values()).write(csv);

    var r = EvalCommand.eval(model, csv, 300, 20, test.lyapunovExponent());
    assertThat(r.toJsonMap())
        .containsKeys(
            "smape_1lt",
            "smape_4lt",
            "smape_10lt",
            "vpt_steps",
            "vpt_seconds",
            "vpt_lyapunov",
            "vpt_lyapunov_median",
            "vpt_lyapunov_iqr");
    assertThat(r.vptLyapunov()).isGreaterThan(1.0);
    assertThat(r.vptSteps())
        .isCloseTo(r.vptLyapunov() * 30, org.assertj.core.data.Offset.offset(0.5));
  }

  @Test
  void aZeroShotEvaluationOfASystemTheModelWasTrainedOnIsRefused() {
    // the default model was trained on lorenz63, rossler, thomas and halvorsen
    assertThatThrownBy(() -> BenchCommand.requireNotTrainedOn(Path.of("default"), "rossler"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("trained on rossler");
    assertThatCode(() -> BenchCommand.requireNotTrainedOn(Path.of("default"), "chen"))
        .doesNotThrowAnyException();
  }

  @Test
  void theShippedUniversalModelNeverSawTheZeroShotSuitesSystems() {
    for (String system : BenchCommand.ZEROSHOT_SYSTEMS) {
      assertThatCode(() -> BenchCommand.requireNotTrainedOn(Path.of("universal"), system))
          .as(system)
          .doesNotThrowAnyException();
    }
    assertThat(BenchCommand.ZEROSHOT_SYSTEMS).hasSize(14).doesNotContain("lorenz96-5d");
  }
}
