package io.chaoscast.models.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code ./forecaster analyze FILE.csv} reports. Invariants are computed on the raw series
 * (lambda_1 and D2 do not depend on offset or scale).
 *
 * @param tauSteps delay per channel in samples
 * @param embeddingDimension m (Cao), delays per channel
 * @param embeddingDimensionFnn m from false nearest neighbours, as a cross-check
 * @param lyapunovExponentPerSecond lambda_1 (Rosenstein) per second
 * @param lyapunovExponentStderr its block standard error
 * @param correlationDimension D2 (Grassberger-Procaccia)
 * @param correlationDimensionStderr SD of the local slopes in the scaling region
 */
public record AnalysisResult(
    int points,
    int channels,
    double dtSeconds,
    int[] tauSteps,
    String tauMethod,
    int embeddingDimension,
    int embeddingDimensionFnn,
    int theilerWindowSteps,
    double lyapunovExponentPerSecond,
    double lyapunovExponentStderr,
    double correlationDimension,
    double correlationDimensionStderr) {

  public AnalysisResult {
    tauSteps = tauSteps.clone();
  }

  @Override
  public int[] tauSteps() {
    return tauSteps.clone();
  }

  /**
   * The JSON object for {@code --json}: snake_case keys with units, {@code tau_steps} being the
   * first channel's delay and {@code tau_steps_per_channel} all of them.
   */
  public Map<String, Object> toJsonMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("points", points);
    m.put("channels", channels);
    m.put("dt_seconds", dtSeconds);
    m.put("tau_steps", tauSteps[0]);
    m.put("tau_steps_per_channel", tauSteps.clone());
    m.put("tau_method", tauMethod);
    m.put("embedding_dimension", embeddingDimension);
    m.put("embedding_dimension_fnn", embeddingDimensionFnn);
    m.put("theiler_window_steps", theilerWindowSteps);
    m.put("lyapunov_exponent_per_second", lyapunovExponentPerSecond);
    m.put("lyapunov_exponent_per_second_stderr", lyapunovExponentStderr);
    m.put("correlation_dimension", correlationDimension);
    m.put("correlation_dimension_stderr", correlationDimensionStderr);
    return m;
  }

  /** One JSON object (finite numbers; NaN becomes null). */
  public String toJson() {
    Map<String, Object> m = toJsonMap();
    m.replaceAll((k, v) -> v instanceof Double d && !Double.isFinite(d) ? null : v);
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(m);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Human-readable lines for stderr. */
  public String toText() {
    return String.format(
        java.util.Locale.ROOT,
        "points %d, channels %d, dt %.6g s%n"
            + "tau = %s steps (%s)%n"
            + "m = %d (Cao E1); FNN gives %d%n"
            + "lambda_1 = %.4f +- %.4f per second (Rosenstein, Theiler window %d steps)%n"
            + "D2 = %.3f +- %.3f (Grassberger-Procaccia)%n",
        points,
        channels,
        dtSeconds,
        java.util.Arrays.toString(tauSteps),
        tauMethod,
        embeddingDimension,
        embeddingDimensionFnn,
        lyapunovExponentPerSecond,
        lyapunovExponentStderr,
        theilerWindowSteps,
        correlationDimension,
        correlationDimensionStderr);
  }
}
