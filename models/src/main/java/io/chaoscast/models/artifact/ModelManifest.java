package io.chaoscast.models.artifact;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code manifest.json} of a model artifact. Everything a caller needs to use the weights
 * correctly: the model type and artifact format version, the sampling interval the model was
 * trained at, the context it needs and the horizon it was validated for, the delay embedding, the
 * per-channel normalisation (training data's mean and SD), a summary of the training data, the
 * validation metrics and the command that produced it.
 *
 * @param type model type, one of {@link ModelArtifacts#KNOWN_TYPES}
 * @param formatVersion artifact format version; a loader refuses versions newer than it knows
 * @param modelId the forecaster id, e.g. {@code nvar-k2-s1@1}
 * @param channels number of observed channels d
 * @param sampleIntervalSeconds dt of the series the model was trained on
 * @param contextLength samples of context the forecaster is given
 * @param horizon samples ahead it was validated for (it may be asked for more)
 * @param embedding delay embedding (tau, m) used to build inputs
 * @param normalisationMean per-channel mean of the training data
 * @param normalisationStd per-channel SD of the training data
 * @param training what it was trained on
 * @param validationMetrics metric name to value on the validation segment (e.g. {@code
 *     vpt_lyapunov})
 * @param hyperparameters model-specific settings (the loader reads what the type needs)
 * @param weightsFile file name of the weights inside the artifact directory
 * @param command the command line (or API call) that produced the artifact
 */
public record ModelManifest(
    String type,
    int formatVersion,
    String modelId,
    int channels,
    double sampleIntervalSeconds,
    int contextLength,
    int horizon,
    Embedding embedding,
    double[] normalisationMean,
    double[] normalisationStd,
    TrainingSummary training,
    Map<String, Double> validationMetrics,
    Map<String, Object> hyperparameters,
    String weightsFile,
    String command) {

  /** Delay embedding: per-channel delay tau (samples) and dimension m. */
  public record Embedding(int delay, int dimension) {}

  /**
   * @param source a file path or {@code system:NAME}
   * @param points samples used (training + validation)
   * @param trainPoints samples fitted on
   * @param validationPoints samples held out for model selection / early stopping
   * @param lyapunovExponentPerSecond lambda_1 used for the Lyapunov-time units (NaN if unknown)
   * @param seed random seed of the fit
   * @param trainSeconds wall-clock training time
   */
  public record TrainingSummary(
      String source,
      int points,
      int trainPoints,
      int validationPoints,
      double lyapunovExponentPerSecond,
      long seed,
      double trainSeconds) {}

  public ModelManifest {
    Objects.requireNonNull(type, "type");
    normalisationMean = normalisationMean.clone();
    normalisationStd = normalisationStd.clone();
    validationMetrics =
        validationMetrics == null ? Map.of() : new LinkedHashMap<>(validationMetrics);
    hyperparameters = hyperparameters == null ? Map.of() : new LinkedHashMap<>(hyperparameters);
  }

  @Override
  public double[] normalisationMean() {
    return normalisationMean.clone();
  }

  @Override
  public double[] normalisationStd() {
    return normalisationStd.clone();
  }

  /** An integer hyperparameter, failing clearly if absent. */
  public int intParameter(String name) {
    return ((Number) required(name)).intValue();
  }

  /** A real hyperparameter, failing clearly if absent. */
  public double doubleParameter(String name) {
    return ((Number) required(name)).doubleValue();
  }

  private Object required(String name) {
    Object v = hyperparameters.get(name);
    if (!(v instanceof Number)) {
      throw new InvalidArtifactException(
          "manifest of type '" + type + "' lacks numeric hyperparameter '" + name + "'");
    }
    return v;
  }
}
