package io.chaoscast.models.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scores of one forecaster on one test series, means over origins unless named otherwise. sMAPE is
 * on the 0-200 scale on standardised series; {@code smape1lt} is the mean sMAPE over the first
 * Lyapunov time of the horizon (NaN if lambda_1 is unknown or the horizon is shorter); {@code
 * smapeHorizon} is the mean sMAPE over the whole horizon, whatever its length.
 *
 * @param vptLyapunovPerOrigin VPT of each origin in Lyapunov times (steps if lambda_1 is unknown)
 */
public record EvaluationResult(
    String modelId,
    int origins,
    int contextLength,
    int horizonSteps,
    double dtSeconds,
    double lyapunovExponentPerSecond,
    double smape1lt,
    double smape4lt,
    double smape10lt,
    double smapeHorizon,
    double vptSteps,
    double vptSeconds,
    double vptLyapunov,
    double vptLyapunovMedian,
    double vptLyapunovQ25,
    double vptLyapunovQ75,
    double[] vptLyapunovPerOrigin,
    double forecastSeconds) {

  public EvaluationResult {
    vptLyapunovPerOrigin = vptLyapunovPerOrigin.clone();
  }

  @Override
  public double[] vptLyapunovPerOrigin() {
    return vptLyapunovPerOrigin.clone();
  }

  /** Interquartile range of the VPT in Lyapunov times. */
  public double vptLyapunovIqr() {
    return vptLyapunovQ75 - vptLyapunovQ25;
  }

  /** The {@code eval --json} object: snake_case keys with units in the name. */
  public Map<String, Object> toJsonMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model_id", modelId);
    m.put("origins", origins);
    m.put("context_length_steps", contextLength);
    m.put("horizon_steps", horizonSteps);
    m.put("dt_seconds", dtSeconds);
    m.put("lyapunov_exponent_per_second", lyapunovExponentPerSecond);
    m.put("smape_1lt", smape1lt);
    m.put("smape_4lt", smape4lt);
    m.put("smape_10lt", smape10lt);
    m.put("smape_horizon", smapeHorizon);
    m.put("vpt_steps", vptSteps);
    m.put("vpt_seconds", vptSeconds);
    m.put("vpt_lyapunov", vptLyapunov);
    m.put("vpt_lyapunov_median", vptLyapunovMedian);
    m.put("vpt_lyapunov_q25", vptLyapunovQ25);
    m.put("vpt_lyapunov_q75", vptLyapunovQ75);
    m.put("vpt_lyapunov_iqr", vptLyapunovIqr());
    m.put("forecast_seconds", forecastSeconds);
    m.replaceAll((k, v) -> v instanceof Double d && !Double.isFinite(d) ? null : v);
    return m;
  }

  public String toJson() {
    try {
      return new ObjectMapper().writeValueAsString(toJsonMap());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
