package io.chaoscast.models.forecast;

import java.io.Serializable;

/**
 * A forecaster is a pure function over a batch of context windows: {@code [B][L][d] -> [B][H][d]}.
 * Contexts are ordered oldest sample first; the forecast's row {@code k} is the state {@code k + 1}
 * sample intervals after the context's last sample. Batching, devices and transport belong to the
 * runtime that calls it, not here.
 */
public interface Forecaster extends Serializable {

  /** Model id and version, carried by every forecast it makes (e.g. {@code nvar-k2-s1@1}). */
  String id();

  /** Fewest context samples this forecaster can work with. */
  int minContextLength();

  double[][][] forecast(double[][][] contexts, int horizon);

  /** One context, for callers that do not batch. */
  default double[][] forecast(double[][] context, int horizon) {
    return forecast(new double[][][] {context}, horizon)[0];
  }
}
