package io.chaoscast.models.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoscast.models.artifact.AtomicFiles;
import io.chaoscast.models.artifact.ModelArtifacts;
import io.chaoscast.models.baselines.NvarForecaster;
import io.chaoscast.models.ensemble.EnsembleSizeChoice;
import io.chaoscast.models.evaluation.AttractorGeometry;
import io.chaoscast.models.evaluation.EvaluationResult;
import io.chaoscast.models.evaluation.ForecastEvaluation;
import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.forecast.ParrotForecaster;
import io.chaoscast.models.forecast.PersistenceForecaster;
import io.chaoscast.models.mamba.MambaTrainer;
import io.chaoscast.models.metrics.Standardisation;
import io.chaoscast.models.training.Dataset;
import io.chaoscast.models.training.SelectionTrajectories;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ./forecaster bench [--suite quick|full] [--seeds 42,43,44]}: the benchmark protocol over
 * (system, model, seed) units. For each system, one trajectory at 30 points per Lyapunov time: the
 * first 1,000 points train (the last 200 of them validate: every choice is made there), the
 * following {@link #TEST_POINTS} are the test series, with 20 origins and a 300-step (10 Lyapunov
 * time) horizon, read once per unit.
 *
 * <p>Resumable: each finished unit writes {@code OUT/units/SYSTEM__MODEL__seedS.json}; a rerun
 * reads those and runs only the missing units. A progress line (units done, rate, ETA) goes to
 * stderr. The results go to {@code OUT/results.md} and {@code OUT/results.json} (one row per unit,
 * the mean and spread over seeds, each model's mean over systems), the plots of each unit to {@code
 * OUT/plots/}.
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

  /**
   * The full suite's mamba, phyxmamba and esn units serve up to this many seed-ensemble members,
   * the number chosen per unit on selection trajectories ({@link ChosenEnsembleTraining}): the
   * 3.3-LT validation tail cannot rank ensembles whose members all reach its end, and on Rossler a
   * 10-LT look on another trajectory preferred three members to two and one (docs/forecasting.md).
   */
  public static final int FULL_ENSEMBLE_UP_TO = 3;

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

  /**
   * The zero-shot suite: the full suite's 3-D systems, forecast by models that were never trained
   * on them: the universal model ({@link #UNIVERSAL_MODEL}) and the untrained built-ins. Same data,
   * origins and horizon as the full suite, so its rows sit beside the per-system models'.
   */
  public static final List<String> ZEROSHOT_SYSTEMS =
      FULL_SYSTEMS.stream().filter(s -> !s.equals("lorenz96-5d")).toList();

  public static final List<String> ZEROSHOT_MODELS = List.of("parrot", "nvar-window", "universal");

  /**
   * The shipped universal model, relative to the installation ({@code chaoscast.home}, set by the
   * launcher): one Mamba of 3-channel flows trained on catalogue systems outside the full suite.
   */
  public static final String UNIVERSAL_MODEL = "models/universal";

  /**
   * The training seeds of a suite: three, so that every table can give the mean and spread over
   * seeds. The untrained models and NVAR do not depend on the seed (their rows repeat).
   */
  public static final List<Long> DEFAULT_SEEDS = List.of(42L, 43L, 44L);

  private BenchCommand() {}

  public static BenchReport run(String suite, Path outDir) throws IOException {
    return run(suite, outDir, null);
  }

  /**
   * @param epochs most stage-1 epochs of the neural models; null for the suite's default ({@link
   *     #QUICK_EPOCHS} for quick, {@link TrainCommand.Options#defaults()} for full)
   */
  public static BenchReport run(String suite, Path outDir, Integer epochs) throws IOException {
    return run(
        suite, outDir, epochs, null, null, null, TrainCommand.NVAR_RESIDUAL_BY_DEFAULT, 1, null);
  }

  /**
   * A suite, optionally narrowed: {@code seeds}, {@code systems} and {@code models} replace the
   * suite's when not null.
   *
   * @param nvarResidual let mamba and phyxmamba learn the residual of a global NVAR where it
   *     reaches far ({@link TrainCommand.Options#withNvarResidual})
   * @param ensemble mamba and phyxmamba are seed ensembles of this many members ({@link
   *     TrainCommand.Options#withEnsemble}); 1 for single models
   * @param ensembleUpTo mamba, phyxmamba and esn serve 1 to this many members, chosen per unit on
   *     selection trajectories ({@link ChosenEnsembleTraining}); null for the suite's default
   *     ({@link #FULL_ENSEMBLE_UP_TO} for full, 1 otherwise, and 1 with a fixed {@code ensemble})
   */
  public static BenchReport run(
      String suite,
      Path outDir,
      Integer epochs,
      List<Long> seeds,
      List<String> systems,
      List<String> models,
      boolean nvarResidual,
      int ensemble,
      Integer ensembleUpTo)
      throws IOException {
    TrainCommand.Options base =
        TrainCommand.Options.defaults().withNvarResidual(nvarResidual).withEnsemble(ensemble);
    String key = suite.toLowerCase(Locale.ROOT);
    TrainCommand.Options training =
        switch (key) {
          case "quick" -> base.withEpochs(epochs == null ? QUICK_EPOCHS : epochs);
          case "full" -> epochs == null ? base : base.withEpochs(epochs);
          case "zeroshot" -> base;
          default ->
              throw new IllegalArgumentException(
                  "unknown suite '" + suite + "' (quick, full, zeroshot)");
        };
    List<String> suiteSystems =
        switch (key) {
          case "quick" -> QUICK_SYSTEMS;
          case "zeroshot" -> ZEROSHOT_SYSTEMS;
          default -> FULL_SYSTEMS;
        };
    List<String> suiteModels =
        switch (key) {
          case "quick" -> QUICK_MODELS;
          case "zeroshot" -> ZEROSHOT_MODELS;
          default -> FULL_MODELS;
        };
    int suiteUpTo = key.equals("full") && ensemble == 1 ? FULL_ENSEMBLE_UP_TO : 1;
    int upTo = ensembleUpTo == null ? suiteUpTo : ensembleUpTo;
    if (upTo > 1 && ensemble > 1) {
      throw new IllegalArgumentException(
          "--ensemble "
              + ensemble
              + " fixes the ensemble's size and --ensemble-up-to "
              + upTo
              + " chooses it: give one of them");
    }
    // nothing in the zero-shot suite is trained, so one seed gives every row
    List<Long> s = seeds != null ? seeds : key.equals("zeroshot") ? List.of(42L) : DEFAULT_SEEDS;
    List<String> sys = systems == null ? suiteSystems : systems;
    List<String> mod = models == null ? suiteModels : models;
    String command =
        "./forecaster bench --suite "
            + key
            + (systems == null ? "" : " --systems " + String.join(",", sys))
            + (models == null ? "" : " --models " + String.join(",", mod))
            + " --seeds "
            + String.join(",", s.stream().map(String::valueOf).toList())
            + (epochs == null ? "" : " --epochs " + epochs)
            + (nvarResidual == TrainCommand.NVAR_RESIDUAL_BY_DEFAULT
                ? ""
                : nvarResidual ? " --nvar-residual" : " --no-nvar-residual")
            + (ensemble > 1 ? " --ensemble " + ensemble : "")
            + (upTo == suiteUpTo ? "" : " --ensemble-up-to " + upTo)
            + " --out "
            + outDir;
    return run(sys, mod, s, outDir, training, upTo, System.err, command);
  }

  /** The quick suite's training budget and the command line's defaults, one seed (42). */
  public static BenchReport run(
      List<String> systems, List<String> models, Path outDir, PrintStream progress)
      throws IOException {
    return run(
        systems,
        models,
        outDir,
        TrainCommand.Options.defaults()
            .withEpochs(QUICK_EPOCHS)
            .withNvarResidual(TrainCommand.NVAR_RESIDUAL_BY_DEFAULT),
        progress);
  }

  /** One seed, {@code training.seed()}. */
  public static BenchReport run(
      List<String> systems,
      List<String> models,
      Path outDir,
      TrainCommand.Options training,
      PrintStream progress)
      throws IOException {
    return run(
        systems,
        models,
        List.of(training.seed()),
        outDir,
        training,
        progress,
        "BenchCommand.run(" + systems + ", " + models + ", seed " + training.seed() + ")");
  }

  /**
   * Every (system, model, seed) unit. A unit trains on the system's first {@link #TRAIN_POINTS}
   * samples only (every choice of a trained model is made on their validation tail) and then reads
   * the test series once. Each finished unit writes {@code OUT/units/SYSTEM__MODEL__seedS.json}; a
   * rerun reads those and runs only the missing units. Writes {@code OUT/results.md} and {@code
   * OUT/results.json}: one row per unit, the mean and spread over seeds, each model's mean over
   * systems.
   *
   * @param command the command line recorded in the results files
   */
  public static BenchReport run(
      List<String> systems,
      List<String> models,
      List<Long> seeds,
      Path outDir,
      TrainCommand.Options training,
      PrintStream progress,
      String command)
      throws IOException {
    return run(systems, models, seeds, outDir, training, 1, progress, command);
  }

  /**
   * As above; mamba, phyxmamba and esn units serve 1 to {@code ensembleUpTo} members, chosen on
   * selection trajectories ({@link ChosenEnsembleTraining}; 1: the single model).
   */
  public static BenchReport run(
      List<String> systems,
      List<String> models,
      List<Long> seeds,
      Path outDir,
      TrainCommand.Options training,
      int ensembleUpTo,
      PrintStream progress,
      String command)
      throws IOException {
    if (seeds.isEmpty()) throw new IllegalArgumentException("no seeds");
    if (ensembleUpTo < 1 || ensembleUpTo > ChosenEnsembleTraining.MOST_MEMBERS) {
      throw new IllegalArgumentException(
          "--ensemble-up-to must be 1 to "
              + ChosenEnsembleTraining.MOST_MEMBERS
              + " (the further members train side by side, one per core), not "
              + ensembleUpTo);
    }
    Path units = outDir.resolve("units");
    Files.createDirectories(units);
    ObjectMapper json = new ObjectMapper();
    List<BenchReport.Row> rows = new ArrayList<>();
    int total = systems.size() * models.size() * seeds.size();
    int ran = 0;
    int skipped = 0;
    long start = System.nanoTime();
    for (String system : systems) {
      Dataset all = null;
      for (String model : models) {
        for (long seed : seeds) {
          String unit = unitName(system, model, seed);
          Path file = units.resolve(unit + ".json");
          if (Files.isRegularFile(file)) {
            rows.add(json.readValue(file.toFile(), BenchReport.Row.class));
            skipped++;
            continue;
          }
          if (all == null) all = Dataset.simulate(system, TRAIN_POINTS + TEST_POINTS);
          discardUnfinished(outDir.resolve("models").resolve(unit), progress);
          long unitStart = System.nanoTime();
          BenchReport.Row row =
              runUnit(all, system, model, seed, outDir, training, ensembleUpTo, progress);
          AtomicFiles.writeJson(file, json, row);
          rows.add(row);
          ran++;
          double elapsed = (System.nanoTime() - start) / 1e9;
          double rate = ran / elapsed;
          int left = total - ran - skipped;
          progress.printf(
              Locale.ROOT,
              "[bench] %d/%d units (%s/%s seed %d: VPT %.2f LT, %.1f s); %.3f units/s; ETA %.0f"
                  + " s%n",
              ran + skipped,
              total,
              system,
              model,
              seed,
              row.vptLyapunov(),
              (System.nanoTime() - unitStart) / 1e9,
              rate,
              left / rate);
        }
      }
    }
    Path table = outDir.resolve("results.md");
    Path jsonFile = outDir.resolve("results.json");
    BenchReport report = new BenchReport(command, rows, table, jsonFile, ran, skipped);
    AtomicFiles.writeString(table, markdown(report, training, ensembleUpTo, seeds));
    AtomicFiles.write(
        jsonFile,
        out ->
            json.writerWithDefaultPrettyPrinter()
                .writeValue(out, jsonMap(report, training, ensembleUpTo)));
    return report;
  }

  /**
   * Deletes what a unit stopped before its result was written left behind, so that it trains from
   * the start. Resuming its training mid-way would not give the run from nothing (Adam's moments
   * and the window sampler restart) and would count only the seconds after the resume, so a killed
   * bench would report a different score and too short a training time for that unit.
   */
  static void discardUnfinished(Path unitModels, PrintStream progress) throws IOException {
    if (!Files.exists(unitModels)) return;
    progress.printf(
        Locale.ROOT,
        "[bench] %s stopped before it finished: discarding %s to train it from the start%n",
        unitModels.getFileName(),
        unitModels);
    try (Stream<Path> files = Files.walk(unitModels)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(f);
    }
  }

  static String unitName(String system, String model, long seed) {
    return system + "__" + model + "__seed" + seed;
  }

  /**
   * One unit: trains on {@code all}'s first {@link #TRAIN_POINTS} samples (nothing after them
   * reaches the trainer, so every selection is on their validation tail), then scores the model
   * once on the rest.
   */
  static BenchReport.Row runUnit(
      Dataset all,
      String system,
      String model,
      long seed,
      Path outDir,
      TrainCommand.Options training)
      throws IOException {
    return runUnit(all, system, model, seed, outDir, training, 1, System.err);
  }

  static BenchReport.Row runUnit(
      Dataset all,
      String system,
      String model,
      long seed,
      Path outDir,
      TrainCommand.Options training,
      int ensembleUpTo,
      PrintStream progress)
      throws IOException {
    Dataset train = all.slice(0, TRAIN_POINTS);
    Dataset test = all.slice(TRAIN_POINTS, all.size());
    String unit = unitName(system, model, seed);
    ForecastEvaluation.Outcome outcome;
    double trainSeconds;
    Double validationVpt = null;
    EnsembleSizeChoice choice = null;
    Integer members = null;
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
    } else if (model.equals("universal")) {
      Path dir = Path.of(System.getProperty("chaoscast.home", ".")).resolve(UNIVERSAL_MODEL);
      requireNotTrainedOn(dir, system);
      outcome = EvalCommand.run(dir, test, HORIZON, ORIGINS);
      trainSeconds = 0;
    } else if (ChosenEnsembleTraining.CHOSEN_MODELS.contains(model) && ensembleUpTo > 1) {
      Path mambaUnit = outDir.resolve("units").resolve(unitName(system, "mamba", seed) + ".json");
      boolean reuse = model.equals("phyxmamba") && Files.isRegularFile(mambaUnit);
      ChosenEnsembleTraining.Result chosen =
          ChosenEnsembleTraining.train(
              train,
              system,
              model,
              outDir.resolve("models").resolve(unit),
              reuse ? outDir.resolve("models").resolve(unitName(system, "mamba", seed)) : null,
              reuse
                  ? new ObjectMapper()
                      .readValue(mambaUnit.toFile(), BenchReport.Row.class)
                      .trainSeconds()
                  : 0,
              training
                  .withSeed(seed)
                  .withNvarResidual(TrainCommand.isMamba(model) && training.nvarResidual())
                  .withEnsemble(1),
              ensembleUpTo,
              progress);
      trainSeconds = chosen.trainSeconds();
      validationVpt = chosen.validationVptLyapunov();
      choice = chosen.choice();
      members = chosen.memberDirs().size();
      outcome = EvalCommand.run(chosen.memberDirs(), test, HORIZON, ORIGINS);
    } else {
      Path dir = outDir.resolve("models").resolve(unit);
      double stageOneSeconds =
          model.equals("phyxmamba")
              ? reuseMambaStageOne(outDir, system, seed, dir, training.ensemble())
              : 0;
      TrainCommand.Options options =
          training
              .withSeed(seed)
              .withNvarResidual(TrainCommand.isMamba(model) && training.nvarResidual())
              .withEnsemble(TrainCommand.isMamba(model) ? training.ensemble() : 1);
      TrainResult t = TrainCommand.train(train, model, dir, options);
      trainSeconds = stageOneSeconds + t.manifest().training().trainSeconds();
      validationVpt = t.manifest().validationMetrics().get("vpt_lyapunov");
      outcome = EvalCommand.run(dir, test, HORIZON, ORIGINS);
    }
    EvaluationResult r = outcome.result();
    AttractorGeometry geometry = outcome.geometry();
    BenchPlots.write(outDir.resolve("plots"), unit, outcome, test.lyapunovExponent() * test.dt());
    return new BenchReport.Row(
        system,
        model,
        seed,
        r.vptLyapunov(),
        r.vptLyapunovMedian(),
        r.vptLyapunovQ25(),
        r.vptLyapunovQ75(),
        r.smape1lt(),
        r.smape4lt(),
        r.smape10lt(),
        geometry.dFrac(),
        geometry.dStsp(),
        validationVpt,
        trainSeconds,
        r.origins(),
        members,
        choice == null ? null : choice.selectionVptLyapunov());
  }

  /**
   * phyxmamba's stage 1 is the mamba unit's (same options and seed): when that unit has finished,
   * its stage-1 checkpoints seed this unit's (member by member for ensembles), and its training
   * seconds count towards this unit's (recorded in {@value #REUSED}, so that a resumed unit still
   * counts them). Returns those seconds, 0 when nothing was reused.
   */
  static double reuseMambaStageOne(Path outDir, String system, long seed, Path dir, int members)
      throws IOException {
    Path marker = dir.resolve(REUSED);
    if (Files.isRegularFile(marker)) return Double.parseDouble(Files.readString(marker).trim());
    Path mamba = outDir.resolve("models").resolve(unitName(system, "mamba", seed));
    if (!Files.isRegularFile(mamba.resolve("manifest.json"))) return 0;
    List<Path[]> stageOnes = new ArrayList<>();
    if (members == 1) {
      stageOnes.add(new Path[] {mamba.resolve("checkpoints"), dir.resolve("checkpoints")});
    } else {
      for (int k = 0; k < members; k++) {
        stageOnes.add(
            new Path[] {
              EnsembleTraining.memberDir(mamba, k).resolve("checkpoints"),
              EnsembleTraining.memberDir(dir, k).resolve("checkpoints")
            });
      }
    }
    boolean reusedAll = true;
    for (Path[] fromTo : stageOnes) {
      reusedAll &= MambaTrainer.reuseStageOne(fromTo[0], fromTo[1]);
    }
    if (!reusedAll) return 0;
    double seconds = ModelArtifacts.readManifest(mamba).training().trainSeconds();
    AtomicFiles.writeString(marker, Double.toString(seconds));
    return seconds;
  }

  static final String REUSED = "stage1-reused-seconds.txt";

  /** Refuses a zero-shot evaluation of a model whose training sources include {@code system}. */
  static void requireNotTrainedOn(Path modelDir, String system) {
    String sources = ModelArtifacts.readManifest(modelDir).training().source();
    for (String source : sources.split(",")) {
      if (source.trim().equals("system:" + system)) {
        throw new IllegalStateException(
            modelDir + " was trained on " + system + ": its forecasts of it are not zero-shot");
      }
    }
  }

  static String markdown(
      BenchReport report, TrainCommand.Options training, int ensembleUpTo, List<Long> seeds) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Forecasting benchmark\n\n")
        .append("Command: `")
        .append(report.command())
        .append("`\n\n")
        .append(protocol(training, ensembleUpTo))
        .append(" Seeds: ")
        .append(String.join(", ", seeds.stream().map(String::valueOf).toList()))
        .append(
            " (persistence, parrot, nvar-window and nvar do not depend on the seed). Plots:"
                + " plots/SYSTEM__MODEL__seedS*.png; one unit's scores: units/.\n\n");
    sb.append("## Test VPT over seeds\n\n")
        .append("Mean over seeds of each seed's mean over the ")
        .append(ORIGINS)
        .append(" test origins; SD = sample SD over seeds (- for one seed).\n\n")
        .append(
            "| system | model | seeds | VPT mean (LT) | SD | [min, max] | validation VPT (LT) |"
                + " train s |\n")
        .append("|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (BenchReport.Summary s : report.summaries()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %d | %.2f | %s | [%.2f, %.2f] | %s | %.1f |%n",
              s.system(),
              s.model(),
              s.seeds(),
              s.vptLyapunov(),
              orDash(s.vptLyapunovSd()),
              s.vptLyapunovMin(),
              s.vptLyapunovMax(),
              orDash(s.validationVptLyapunov()),
              s.trainSeconds()));
    }
    sb.append("\n## Mean over systems\n\n")
        .append("Per seed the mean test VPT over the systems the model ran on with every seed; ")
        .append("then the mean and sample SD of that over the seeds.\n\n")
        .append("| model | systems | seeds | mean VPT (LT) | SD over seeds |\n")
        .append("|---|---:|---:|---:|---:|\n");
    for (BenchReport.ModelMean m : report.modelMeans()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %.2f | %s |%n",
              m.model(),
              m.systems(),
              m.seeds(),
              m.vptLyapunov(),
              orDash(m.vptLyapunovSd())));
    }
    sb.append("\n## One row per system, model and seed\n\n")
        .append(
            "| system | model | seed | VPT mean (LT) | VPT median [IQR] (LT) | sMAPE 1 LT | sMAPE 4 LT ")
        .append("| sMAPE 10 LT | D_frac | D_stsp | validation VPT (LT) | train s |")
        .append(" members (selection VPT of 1, 2, ...) |\n")
        .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (BenchReport.Row r : report.rows()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %d | %.2f | %.2f [%.2f, %.2f] | %.1f | %.1f | %.1f | %.3f | %.3f | %s |"
                  + " %.1f | %s |%n",
              r.system(),
              r.model(),
              r.seed(),
              r.vptLyapunov(),
              r.vptLyapunovMedian(),
              r.vptLyapunovQ25(),
              r.vptLyapunovQ75(),
              r.smape1lt(),
              r.smape4lt(),
              r.smape10lt(),
              r.dFrac(),
              r.dStsp(),
              r.validationVptLyapunov() == null ? "-" : orDash(r.validationVptLyapunov()),
              r.trainSeconds(),
              members(r)));
    }
    return sb.toString();
  }

  static String protocol(TrainCommand.Options training, int ensembleUpTo) {
    return "Protocol: 30 points per Lyapunov time; train on "
        + String.format(Locale.ROOT, "%,d", TRAIN_POINTS)
        + " points, whose last "
        + Math.round(TRAIN_POINTS * training.validationFraction())
        + " validate: every choice (grid, epoch, early stopping) is made on them; the test series"
        + " (the next "
        + TEST_POINTS
        + " points) is read once per row, after training. "
        + ORIGINS
        + " test origins, context "
        + training.contextLength()
        + ", horizon "
        + HORIZON
        + " steps (10 LT); neural models at most "
        + training.epochs()
        + " stage-1 epochs"
        + (training.nvarResidual()
            ? ", learning the residual of a global NVAR where its reach on the fitting segment"
                + " is 2 LT or more"
            : "")
        + (training.ensemble() > 1
            ? "; mamba and phyxmamba are seed ensembles of "
                + training.ensemble()
                + " members (seeds s, s + 1000, ...), forecasting their mean"
            : "")
        + (ensembleUpTo > 1
            ? "; mamba, phyxmamba and esn serve members 0..k-1 of a seed ensemble (seeds s, s + 1000,"
                + " ...), k from 1 to "
                + ensembleUpTo
                + ", chosen per unit: one member where its validation VPT is below the tail's cap,"
                + " else the k of highest VPT on "
                + SelectionTrajectories.COUNT
                + " selection trajectories of the system (other initial conditions, "
                + SelectionTrajectories.ORIGINS
                + " origins each, 10 LT), a larger k only if it wins by more than "
                + EnsembleSizeChoice.MARGIN
                + " LT"
            : "")
        + ". sMAPE (0-200) on series standardised with the training mean/SD; VPT ="
        + " number of steps before the cumulative mean sMAPE first exceeds 30 (the whole horizon"
        + " if it never does); D_frac = |D2(forecast) - D2(truth)| and D_stsp = KL(truth ||"
        + " forecast) on the pooled states of all origins' horizons.";
  }

  static Map<String, Object> jsonMap(
      BenchReport report, TrainCommand.Options training, int ensembleUpTo) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", report.command());
    m.put("protocol", protocol(training, ensembleUpTo));
    m.put("rows", report.rows());
    m.put("summary", report.summaries());
    m.put("models", report.modelMeans());
    return m;
  }

  /** "-", the number of members, or it with the selection scores it was chosen on. */
  private static String members(BenchReport.Row r) {
    if (r.members() == null) return "-";
    if (r.selectionVptLyapunov() == null) return r.members().toString();
    return r.members()
        + " ("
        + String.join(", ", r.selectionVptLyapunov().stream().map(BenchCommand::orDash).toList())
        + ")";
  }

  private static String orDash(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "-";
  }
}
