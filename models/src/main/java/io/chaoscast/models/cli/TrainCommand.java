package io.chaoscast.models.cli;

import io.chaoscast.models.artifact.ModelArtifacts;
import io.chaoscast.models.artifact.ModelManifest;
import io.chaoscast.models.evaluation.EvaluationResult;
import io.chaoscast.models.training.BaselineTrainer;
import io.chaoscast.models.training.Dataset;
import io.chaoscast.models.training.TrainedModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./forecaster train --csv FILE.csv|SYSTEM --model nvar|esn|mamba|phyxmamba --out
 * MODEL_DIR}: fits a model on a short training series (the benchmark's 1,000 points, the last 20%
 * held out for validation), normalises with the training data's per-channel mean and SD, and writes
 * a model artifact ({@link ModelArtifacts}).
 */
public final class TrainCommand {

  private TrainCommand() {}

  /**
   * @param points samples to simulate when the source is a system (fitting + validation)
   * @param validationFraction tail of the series held out for selection / early stopping
   * @param contextLength samples of context the model forecasts from
   * @param horizon samples ahead to validate (10 Lyapunov times at 30 points per Lyapunov time)
   * @param seed random seed
   * @param lyapunovExponent lambda_1 per second for CSV input (NaN: unknown; systems use dysts')
   * @param epochs maximum epochs for neural models
   */
  public record Options(
      int points,
      double validationFraction,
      int contextLength,
      int horizon,
      long seed,
      double lyapunovExponent,
      int epochs) {

    public static Options defaults() {
      return new Options(1000, 0.2, 150, 300, 42L, Double.NaN, 30);
    }

    public Options withEpochs(int e) {
      return new Options(
          points, validationFraction, contextLength, horizon, seed, lyapunovExponent, e);
    }
  }

  /** Trains with default options. {@code source} is a CSV path or a catalogue system name. */
  public static TrainResult train(String source, String model, Path outDir) throws IOException {
    return train(source, model, outDir, Options.defaults());
  }

  public static TrainResult train(String source, String model, Path outDir, Options options)
      throws IOException {
    Dataset data = Dataset.resolve(source, options.points(), options.lyapunovExponent());
    return train(data, model, outDir, options);
  }

  public static TrainResult train(Dataset data, String model, Path outDir, Options options)
      throws IOException {
    int trainEnd = (int) Math.round(data.size() * (1 - options.validationFraction()));
    if (trainEnd < options.contextLength() || trainEnd >= data.size()) {
      throw new IllegalArgumentException(
          data.size()
              + " samples cannot hold a context of "
              + options.contextLength()
              + " and a validation tail of "
              + options.validationFraction());
    }
    long start = System.nanoTime();
    TrainedModel trained =
        switch (model.toLowerCase(Locale.ROOT)) {
          case "nvar" ->
              BaselineTrainer.nvar(data, trainEnd, options.contextLength(), options.horizon());
          case "esn" ->
              BaselineTrainer.esn(
                  data, trainEnd, options.contextLength(), options.horizon(), options.seed());
          case "mamba", "phyxmamba" ->
              io.chaoscast.models.mamba.MambaTrainer.train(
                  data,
                  trainEnd,
                  options.contextLength(),
                  options.horizon(),
                  io.chaoscast.models.mamba.MambaTrainer.Options.defaults(
                      options.epochs(), options.seed()),
                  model.equalsIgnoreCase("phyxmamba")
                      ? io.chaoscast.models.mamba.MambaTrainer.Stage2.defaults(
                          Math.max(1, (options.epochs() + 2) / 3))
                      : null,
                  outDir.resolve("checkpoints"),
                  System.err);
          default ->
              throw new IllegalArgumentException(
                  "unknown model '" + model + "' (nvar, esn, mamba, phyxmamba)");
        };
    double seconds = (System.nanoTime() - start) / 1e9;
    ModelManifest manifest = manifest(data, model, trainEnd, options, trained, seconds, outDir);
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

  static ModelManifest manifest(
      Dataset data,
      String model,
      int trainEnd,
      Options o,
      TrainedModel t,
      double seconds,
      Path outDir) {
    Map<String, Object> hp = new LinkedHashMap<>(t.hyperparameters());
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
            data.source(),
            data.size(),
            trainEnd,
            data.size() - trainEnd,
            data.lyapunovExponent(),
            o.seed(),
            seconds),
        validationMetrics(t.validation()),
        hp,
        t.weights().weightsFile(),
        "forecaster train --csv "
            + data.source()
            + " --model "
            + model
            + " --out "
            + outDir
            + " (points "
            + o.points()
            + ", context "
            + o.contextLength()
            + ", seed "
            + o.seed()
            + ")");
  }

  static Map<String, Double> validationMetrics(EvaluationResult r) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : r.toJsonMap().entrySet()) {
      if (e.getValue() instanceof Number n) m.put(e.getKey(), n.doubleValue());
    }
    return m;
  }
}
