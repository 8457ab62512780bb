package io.chaoscast.models.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoscast.models.baselines.NvarForecaster;
import io.chaoscast.models.evaluation.AttractorGeometry;
import io.chaoscast.models.evaluation.EvaluationResult;
import io.chaoscast.models.evaluation.ForecastEvaluation;
import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.forecast.ParrotForecaster;
import io.chaoscast.models.forecast.PersistenceForecaster;
import io.chaoscast.models.metrics.Standardisation;
import io.chaoscast.models.training.Dataset;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./forecaster bench [--suite quick|full]}: the benchmark protocol over (system, model)
 * units. For each system, one trajectory at 30 points per Lyapunov time: the first 1,000 points
 * train (the last 200 of them validate), the following {@link #TEST_POINTS} are the test series,
 * with 20 origins and a 300-step (10 Lyapunov time) horizon.
 *
 * <p>Resumable: each finished unit writes {@code OUT/units/SYSTEM__MODEL.json}; a rerun reads those
 * and runs only the missing units. A progress line (units done, rate, ETA) goes to stderr. The
 * table is written to {@code OUT/results.md}, the plots of each unit to {@code OUT/plots/}.
 */
public final class BenchCommand {

  public static final int TRAIN_POINTS = 1000;
  public static final int HORIZON = 300;
  public static final int ORIGINS = 20;

  /** Context 150 + horizon 300 + 19 origin strides of 15 samples, rounded up. */
  public static final int TEST_POINTS = 750;

  /**
   * The quick suite: Lorenz63 with the three fast models and a Mamba trained for {@link
   * #QUICK_EPOCHS} epochs (a couple of CPU minutes in all).
   */
  public static final List<String> QUICK_SYSTEMS = List.of("lorenz63");

  public static final List<String> QUICK_MODELS =
      List.of("persistence", "parrot", "nvar-window", "nvar", "esn", "mamba");

  /**
   * Models that need no training, forecast from each context alone: the zero-shot baselines (the
   * job's built-ins, with their default settings).
   */
  static final Map<String, Forecaster> UNTRAINED =
      Map.of(
          "persistence", new PersistenceForecaster(),
          "parrot", new ParrotForecaster(ParrotForecaster.DEFAULT_COORDINATES, 1),
          "nvar-window", new NvarForecaster(2, 1, 1e-6));

  /** Most stage-1 epochs of the neural models in the quick suite: enough to beat persistence. */
  public static final int QUICK_EPOCHS = 6;

  /**
   * The paper's three systems (Lorenz63, Rossler, Lorenz96 with 5 sites) and twelve more 3-D flows.
   */
  public static final List<String> FULL_SYSTEMS =
      List.of(
          "lorenz63",
          "rossler",
          "lorenz96-5d",
          "thomas",
          "halvorsen",
          "chen",
          "sprottb",
          "aizawa",
          "chua",
          "arneodo",
          "dadras",
          "rucklidge",
          "sprotts",
          "hadley",
          "moorespiegel");

  public static final List<String> FULL_MODELS =
      List.of("persistence", "parrot", "nvar-window", "nvar", "esn", "mamba", "phyxmamba");

  private BenchCommand() {}

  public static BenchReport run(String suite, Path outDir) throws IOException {
    return run(suite, outDir, null);
  }

  /**
   * @param epochs most stage-1 epochs of the neural models; null for the suite's default ({@link
   *     #QUICK_EPOCHS} for quick, {@link TrainCommand.Options#defaults()} for full)
   */
  public static BenchReport run(String suite, Path outDir, Integer epochs) throws IOException {
    TrainCommand.Options base = TrainCommand.Options.defaults();
    return switch (suite.toLowerCase(Locale.ROOT)) {
      case "quick" ->
          run(
              QUICK_SYSTEMS,
              QUICK_MODELS,
              outDir,
              base.withEpochs(epochs == null ? QUICK_EPOCHS : epochs),
              System.err);
      case "full" ->
          run(
              FULL_SYSTEMS,
              FULL_MODELS,
              outDir,
              epochs == null ? base : base.withEpochs(epochs),
              System.err);
      default -> throw new IllegalArgumentException("unknown suite '" + suite + "' (quick, full)");
    };
  }

  /** The quick suite's training budget. */
  public static BenchReport run(
      List<String> systems, List<String> models, Path outDir, PrintStream progress)
      throws IOException {
    return run(
        systems,
        models,
        outDir,
        TrainCommand.Options.defaults().withEpochs(QUICK_EPOCHS),
        progress);
  }

  public static BenchReport run(
      List<String> systems,
      List<String> models,
      Path outDir,
      TrainCommand.Options training,
      PrintStream progress)
      throws IOException {
    Path units = outDir.resolve("units");
    Files.createDirectories(units);
    ObjectMapper json = new ObjectMapper();
    List<BenchReport.Row> rows = new ArrayList<>();
    int total = systems.size() * models.size();
    int ran = 0;
    int skipped = 0;
    long start = System.nanoTime();
    for (String system : systems) {
      Dataset all = null;
      for (String model : models) {
        Path file = units.resolve(system + "__" + model + ".json");
        if (Files.isRegularFile(file)) {
          rows.add(json.readValue(file.toFile(), BenchReport.Row.class));
          skipped++;
          continue;
        }
        if (all == null) all = Dataset.simulate(system, TRAIN_POINTS + TEST_POINTS);
        long unitStart = System.nanoTime();
        BenchReport.Row row = runUnit(all, system, model, outDir, training);
        json.writeValue(file.toFile(), row);
        rows.add(row);
        ran++;
        double elapsed = (System.nanoTime() - start) / 1e9;
        double rate = ran / elapsed;
        int left = total - ran - skipped;
        progress.printf(
            Locale.ROOT,
            "[bench] %d/%d units (%s/%s: VPT %.2f LT, %.1f s); %.3f units/s; ETA %.0f s%n",
            ran + skipped,
            total,
            system,
            model,
            row.vptLyapunov(),
            (System.nanoTime() - unitStart) / 1e9,
            rate,
            left / rate);
      }
    }
    Path table = outDir.resolve("results.md");
    Files.writeString(table, markdown(rows));
    return new BenchReport(rows, table, ran, skipped);
  }

  private static BenchReport.Row runUnit(
      Dataset all, String system, String model, Path outDir, TrainCommand.Options training)
      throws IOException {
    Dataset train = all.slice(0, TRAIN_POINTS);
    Dataset test = all.slice(TRAIN_POINTS, all.size());
    ForecastEvaluation.Outcome outcome;
    double trainSeconds;
    if (UNTRAINED.containsKey(model)) {
      Standardisation norm = Standardisation.fit(train.values());
      outcome =
          ForecastEvaluation.run(
              UNTRAINED.get(model),
              test.values(),
              norm,
              TrainCommand.Options.defaults().contextLength(),
              HORIZON,
              ORIGINS,
              test.dt(),
              test.lyapunovExponent());
      trainSeconds = 0;
    } else {
      Path dir = outDir.resolve("models").resolve(system + "__" + model);
      TrainResult t = TrainCommand.train(train, model, dir, training);
      trainSeconds = t.manifest().training().trainSeconds();
      outcome = EvalCommand.run(dir, test, HORIZON, ORIGINS);
    }
    EvaluationResult r = outcome.result();
    AttractorGeometry geometry = outcome.geometry();
    BenchPlots.write(
        outDir.resolve("plots"),
        system + "__" + model,
        outcome,
        test.lyapunovExponent() * test.dt());
    return new BenchReport.Row(
        system,
        model,
        r.vptLyapunov(),
        r.vptLyapunovMedian(),
        r.vptLyapunovQ25(),
        r.vptLyapunovQ75(),
        r.smape1lt(),
        r.smape4lt(),
        r.smape10lt(),
        geometry.dFrac(),
        geometry.dStsp(),
        trainSeconds,
        r.origins());
  }

  static String markdown(List<BenchReport.Row> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Forecasting benchmark\n\n")
        .append(
            "Protocol: 30 points per Lyapunov time; train on 1,000 points (last 200 validate); ")
        .append("20 test origins, context 150, horizon 300 steps (10 LT); sMAPE (0-200) on series ")
        .append("standardised with the training mean/SD; VPT = number of steps before the ")
        .append("cumulative mean sMAPE first exceeds 30 (the whole horizon if it never does); ")
        .append("D_frac = |D2(forecast) - D2(truth)| and D_stsp = KL(truth || forecast) on the ")
        .append("pooled states of all origins' horizons. Plots: plots/SYSTEM__MODEL*.png.\n\n")
        .append(
            "| system | model | VPT mean (LT) | VPT median [IQR] (LT) | sMAPE 1 LT | sMAPE 4 LT ")
        .append("| sMAPE 10 LT | D_frac | D_stsp | train s |\n")
        .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (BenchReport.Row r : rows) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %.2f | %.2f [%.2f, %.2f] | %.1f | %.1f | %.1f | %.3f | %.3f | %.1f |%n",
              r.system(),
              r.model(),
              r.vptLyapunov(),
              r.vptLyapunovMedian(),
              r.vptLyapunovQ25(),
              r.vptLyapunovQ75(),
              r.smape1lt(),
              r.smape4lt(),
              r.smape10lt(),
              r.dFrac(),
              r.dStsp(),
              r.trainSeconds()));
    }
    return sb.toString();
  }
}
