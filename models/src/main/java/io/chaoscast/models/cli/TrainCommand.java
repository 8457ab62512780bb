package io.chaoscast.models.cli;

import io.chaoscast.models.artifact.ModelArtifacts;
import io.chaoscast.models.artifact.ModelManifest;
import io.chaoscast.models.evaluation.EvaluationResult;
import io.chaoscast.models.mamba.EmbeddingProbe;
import io.chaoscast.models.mamba.MambaTrainer;
import io.chaoscast.models.training.BaselineTrainer;
import io.chaoscast.models.training.Dataset;
import io.chaoscast.models.training.TrainedModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./forecaster train --csv FILE.csv|SYSTEM --model nvar|esn|mamba|phyxmamba --out
 * MODEL_DIR}: fits a model on a short training series (the benchmark's 1,000 points, the last 20%
 * held out for validation), normalises with the training data's per-channel mean and SD, and writes
 * a model artifact ({@link ModelArtifacts}).
 */
public final class TrainCommand {

  /**
   * Stage-1 epochs of mamba/phyxmamba unless {@code --epochs} says otherwise. Chosen on validation:
   * 240 scored higher than 120 on all seven systems tried (docs/bench/mamba-budget-validation.txt,
   * section 8); with N = 4 an epoch takes about 0.8 s here, so a system trains in about three
   * minutes (the full suite's longest unit, Lorenz96-5D, 230 s with two units at a time), inside
   * the 5 minutes a system may take. With the faster trainer of 2026-12-05 (1.5x per epoch, the
   * probe's two candidates side by side) the 15 systems trained alone in 177-288 s, and in 306-349
   * s during an hour when the host ran 1.8x slower (docs/forecasting.md).
   */
  public static final int DEFAULT_EPOCHS = 240;

  /**
   * The command line's default for mamba and phyxmamba learning the residual of a global NVAR
   * ({@code train} and {@code bench}; {@link #nvarResidual}): on, the setting of the 15-system run
   * of record (docs/forecasting.md). The Java API's {@link Options#defaults()} keeps it off.
   */
  public static final boolean NVAR_RESIDUAL_BY_DEFAULT = true;

  /**
   * PhyxMamba's stage 2 runs at most a third of the stage-1 budget and at most 10 epochs: on
   * validation it raised the best score by at most 0.15 Lyapunov times and usually lowered it
   * (docs/forecasting.md), and each epoch rolls out every window.
   */
  static int stage2Epochs(int stage1Epochs) {
    return Math.max(1, Math.min(10, (stage1Epochs + 2) / 3));
  }

  /**
   * Epochs of each {@link EmbeddingProbe} training when AMI / Cao gives m > 1: a sixth of the
   * stage-1 budget (40 at the default 240, where the probes picked what full trainings confirmed;
   * docs/bench/mamba-budget-validation.txt, section 10), none under 6 epochs.
   */
  static int embeddingProbeEpochs(int stage1Epochs) {
    return stage1Epochs / 6;
  }

  private TrainCommand() {}

  /**
   * @param points samples to simulate when the source is a system (fitting + validation)
   * @param validationFraction tail of the series held out for selection / early stopping
   * @param contextLength samples of context the model forecasts from
   * @param horizon samples ahead to validate (10 Lyapunov times at 30 points per Lyapunov time)
   * @param seed random seed
   * @param lyapunovExponent lambda_1 per second for CSV input (NaN: unknown; systems use dysts')
   * @param epochs maximum epochs for neural models
   * @param residualOutput Mamba decodes increments on the last sample ({@code
   *     MambaConfig#residualOutput})
   * @param cosineDecay Mamba's step size follows a half cosine (the default) instead of staying
   *     fixed
   * @param nvarResidual a Mamba may learn the residual of a global NVAR ({@link #withNvarResidual})
   * @param ensemble members of a seed ensemble ({@link EnsembleTraining}); 1 trains one model
   */
  public record Options(
      int points,
      double validationFraction,
      int contextLength,
      int horizon,
      long seed,
      double lyapunovExponent,
      int epochs,
      double pointsPerLyapunovTime,
      boolean perContext,
      boolean residualOutput,
      boolean cosineDecay,
      boolean nvarResidual,
      int ensemble) {

    public Options {
      if (ensemble < 1) {
        throw new IllegalArgumentException("--ensemble must be at least 1, not " + ensemble);
      }
    }

    public static Options defaults() {
      return new Options(
          1000,
          0.2,
          150,
          300,
          42L,
          Double.NaN,
          DEFAULT_EPOCHS,
          Dataset.POINTS_PER_LYAPUNOV_TIME,
          false,
          false,
          true,
          false,
          1);
    }

    /** Mamba's output (absolute by default) and step-size schedule (cosine by default). */
    public Options withMambaRecipe(boolean residual, boolean cosine) {
      Copy c = new Copy(this);
      c.residualOutput = residual;
      c.cosineDecay = cosine;
      return c.options();
    }

    /**
     * Whether a Mamba may learn the residual of a global NVAR (decided per series on its fitting
     * segment: {@code MambaTrainer.Recipe#nvarResidual}).
     */
    public Options withNvarResidual(boolean on) {
      Copy c = new Copy(this);
      c.nvarResidual = on;
      return c.options();
    }

    /** {@code n} members trained with seeds {@code seed + 1000 k}, served as their mean. */
    public Options withEnsemble(int n) {
      Copy c = new Copy(this);
      c.ensemble = n;
      return c.options();
    }

    public Options withSeed(long s) {
      Copy c = new Copy(this);
      c.seed = s;
      return c.options();
    }

    public Options withEpochs(int e) {
      Copy c = new Copy(this);
      c.epochs = e;
      return c.options();
    }

    /**
     * Samples per system, context and validation horizon, points per Lyapunov time of simulated
     * systems, and RevIN per-context normalisation (Mamba only).
     */
    public Options with(
        int points, int context, int horizon, double pointsPerLyapunov, boolean perContext) {
      Copy c = new Copy(this);
      c.points = points;
      c.contextLength = context;
      c.horizon = horizon;
      c.pointsPerLyapunovTime = pointsPerLyapunov;
      c.perContext = perContext;
      return c.options();
    }

    /** A mutable copy, so that each {@code with...} names only what it changes. */
    private static final class Copy {
      int points;
      double validationFraction;
      int contextLength;
      int horizon;
      long seed;
      double lyapunovExponent;
      int epochs;
      double pointsPerLyapunovTime;
      boolean perContext;
      boolean residualOutput;
      boolean cosineDecay;
      boolean nvarResidual;
      int ensemble;

      Copy(Options o) {
        points = o.points;
        validationFraction = o.validationFraction;
        contextLength = o.contextLength;
        horizon = o.horizon;
        seed = o.seed;
        lyapunovExponent = o.lyapunovExponent;
        epochs = o.epochs;
        pointsPerLyapunovTime = o.pointsPerLyapunovTime;
        perContext = o.perContext;
        residualOutput = o.residualOutput;
        cosineDecay = o.cosineDecay;
        nvarResidual = o.nvarResidual;
        ensemble = o.ensemble;
      }

      Options options() {
        return new Options(
            points,
            validationFraction,
            contextLength,
            horizon,
            seed,
            lyapunovExponent,
            epochs,
            pointsPerLyapunovTime,
            perContext,
            residualOutput,
            cosineDecay,
            nvarResidual,
            ensemble);
      }
    }
  }

  /** Trains with default options. {@code source} is a CSV path or a catalogue system name. */
  public static TrainResult train(String source, String model, Path outDir) throws IOException {
    return train(source, model, outDir, Options.defaults());
  }

  public static TrainResult train(String source, String model, Path outDir, Options options)
      throws IOException {
    List<Dataset> data = new ArrayList<>();
    for (String one : source.split(",")) {
      data.add(
          Dataset.resolve(
              one.trim(),
              options.points(),
              options.pointsPerLyapunovTime(),
              options.lyapunovExponent()));
    }
    return train(data, model, outDir, options);
  }

  public static TrainResult train(Dataset data, String model, Path outDir, Options options)
      throws IOException {
    return train(List.of(data), model, outDir, options);
  }

  /**
   * Several series (a comma-separated source) train one Mamba model on all of them ({@link
   * io.chaoscast.models.mamba.MambaTrainer}); the baselines take one series.
   */
  public static TrainResult train(List<Dataset> series, String model, Path outDir, Options options)
      throws IOException {
    boolean neural = isMamba(model);
    if (series.size() > 1 && !neural) {
      throw new IllegalArgumentException(model + " trains on one series; give one --csv/--system");
    }
    if ((options.perContext() || options.residualOutput() || options.nvarResidual()) && !neural) {
      throw new IllegalArgumentException(
          "per-context normalisation, residual output and the NVAR residual are for"
              + " mamba/phyxmamba only");
    }
    boolean phyx = model.equalsIgnoreCase("phyxmamba");
    // phyxmamba's stage 1 is mamba's (same options, so a finished mamba stage 1 resumes into it)
    MambaTrainer.Options neuralOptions =
        MambaTrainer.Options.defaults(options.epochs(), options.seed());
    neuralOptions =
        neuralOptions
            .withPerContext(options.perContext())
            .withOutputAndSchedule(options.residualOutput(), options.cosineDecay());
    neuralOptions =
        neuralOptions.withRecipe(neuralOptions.recipe().withNvarResidual(options.nvarResidual()));
    Dataset data = series.get(0);
    List<Integer> trainEnds = new ArrayList<>();
    for (Dataset d : series) {
      int end = trainEnd(d, options);
      if (end < options.contextLength() || end >= d.size()) {
        throw new IllegalArgumentException(
            d.size()
                + " samples cannot hold a context of "
                + options.contextLength()
                + " and a validation tail of "
                + options.validationFraction());
      }
      trainEnds.add(end);
    }
    if (options.ensemble() > 1) return EnsembleTraining.train(series, model, outDir, options);
    int trainEnd = trainEnds.get(0);
    long start = System.nanoTime();
    EmbeddingProbe.Choice embedding =
        neural
            ? EmbeddingProbe.choose(
                series,
                trainEnds,
                options.contextLength(),
                options.horizon(),
                neuralOptions,
                embeddingProbeEpochs(options.epochs()),
                outDir.resolve("checkpoints"),
                System.err)
            : new EmbeddingProbe.Choice(neuralOptions, Map.of());
    TrainedModel trained =
        switch (model.toLowerCase(Locale.ROOT)) {
          case "nvar" ->
              BaselineTrainer.nvar(data, trainEnd, options.contextLength(), options.horizon());
          case "esn" ->
              BaselineTrainer.esn(
                  data, trainEnd, options.contextLength(), options.horizon(), options.seed());
          case "mamba", "phyxmamba" ->
              MambaTrainer.train(
                  series,
                  trainEnds,
                  options.contextLength(),
                  options.horizon(),
                  embedding.options(),
                  phyx ? MambaTrainer.Stage2.defaults(stage2Epochs(options.epochs())) : null,
                  outDir.resolve("checkpoints"),
                  System.err);
          default ->
              throw new IllegalArgumentException(
                  "unknown model '" + model + "' (nvar, esn, mamba, phyxmamba)");
        };
    double seconds = (System.nanoTime() - start) / 1e9;
    ModelManifest manifest =
        manifest(
            series,
            trainEnds,
            model,
            options,
            trained,
            embedding.hyperparameters(),
            seconds,
            outDir);
    try {
      ModelArtifacts.save(outDir, manifest, trained.weights());
    } finally {
      if (trained.forecaster() instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          throw new IOException("closing " + manifest.modelId(), e);
        }
      }
    }
    return new TrainResult(outDir, manifest);
  }

  /** Where a series' fitting segment ends and its validation tail begins. */
  static int trainEnd(Dataset d, Options o) {
    return (int) Math.round(d.size() * (1 - o.validationFraction()));
  }

  static ModelManifest manifest(
      List<Dataset> series,
      List<Integer> trainEnds,
      String model,
      Options o,
      TrainedModel t,
      Map<String, Object> trainingHyperparameters,
      double seconds,
      Path outDir) {
    Dataset data = series.get(0);
    String sources = String.join(",", series.stream().map(Dataset::source).toList());
    int points = series.stream().mapToInt(Dataset::size).sum();
    int trainPoints = trainEnds.stream().mapToInt(Integer::intValue).sum();
    Map<String, Object> hp = new LinkedHashMap<>(t.hyperparameters());
    hp.putAll(trainingHyperparameters);
    ModelManifest.Embedding embedding =
        hp.containsKey("delays")
            ? new ModelManifest.Embedding(
                ((Number) hp.get("spacing")).intValue(), ((Number) hp.get("delays")).intValue())
            : hp.containsKey("embedding_delay")
                ? new ModelManifest.Embedding(
                    ((Number) hp.get("embedding_delay")).intValue(),
                    ((Number) hp.get("embedding_dimension")).intValue())
                : new ModelManifest.Embedding(1, 1);
    return new ModelManifest(
        t.weights().artifactType(),
        ModelArtifacts.FORMAT_VERSION,
        t.forecaster().id(),
        data.channels(),
        data.dt(),
        o.contextLength(),
        o.horizon(),
        embedding,
        t.normalisation().mean(),
        t.normalisation().std(),
        new ModelManifest.TrainingSummary(
            sources,
            points,
            trainPoints,
            points - trainPoints,
            data.lyapunovExponent(),
            o.seed(),
            seconds),
        validationMetrics(t.validation()),
        hp,
        t.weights().weightsFile(),
        command(series, model, o, outDir));
  }

  /** Whether {@code model} names a Mamba recipe (mamba or phyxmamba, any case). */
  static boolean isMamba(String model) {
    return model.equalsIgnoreCase("mamba") || model.equalsIgnoreCase("phyxmamba");
  }

  /**
   * Whether {@code train} lets a Mamba learn the residual of a global NVAR: as {@code requested}
   * ({@code --nvar-residual} / {@code --no-nvar-residual}), else {@link #NVAR_RESIDUAL_BY_DEFAULT}
   * for mamba and phyxmamba with absolute output (it switches itself off where the NVAR forecasts
   * less than 2 Lyapunov times on the fitting segment, a rule chosen on fresh trajectories, never
   * on test series).
   */
  public static boolean nvarResidual(Boolean requested, String model, boolean residualOutput) {
    return requested != null
        ? requested
        : NVAR_RESIDUAL_BY_DEFAULT && isMamba(model) && !residualOutput;
  }

  /** The command line that reproduces the artifact. */
  static String command(List<Dataset> series, String model, Options o, Path outDir) {
    boolean simulated = series.stream().allMatch(d -> d.source().startsWith("system:"));
    String sources =
        String.join(
            ",",
            series.stream()
                .map(d -> simulated ? d.source().substring("system:".length()) : d.source())
                .toList());
    return String.format(
        Locale.ROOT,
        "./forecaster train %s %s --model %s --points %d --points-per-lyapunov %s --context %d"
            + " --horizon %d --epochs %d --normalisation %s%s%s%s%s --out %s (seed %d)",
        simulated ? "--system" : "--csv",
        sources,
        model,
        o.points(),
        new java.math.BigDecimal(o.pointsPerLyapunovTime()).stripTrailingZeros().toPlainString(),
        o.contextLength(),
        o.horizon(),
        o.epochs(),
        o.perContext() ? "per_context" : "training",
        o.residualOutput() ? " --residual-output" : "",
        o.cosineDecay() ? "" : " --lr-schedule fixed",
        o.nvarResidual() == nvarResidual(null, model, o.residualOutput())
            ? ""
            : o.nvarResidual() ? " --nvar-residual" : " --no-nvar-residual",
        o.ensemble() > 1 ? " --ensemble " + o.ensemble() : "",
        outDir,
        o.seed());
  }

  static Map<String, Double> validationMetrics(EvaluationResult r) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : r.toJsonMap().entrySet()) {
      if (e.getValue() instanceof Number n) m.put(e.getKey(), n.doubleValue());
    }
    return m;
  }
}
