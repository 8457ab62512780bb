package io.chaoscast.models.forecast;

/**
 * A forecaster that handles one context window at a time (the baselines: each window is fitted or
 * rolled out on its own). Implement {@link #forecastWindow}; the batch method loops over it and
 * checks every context's length in one place.
 */
public interface WindowForecaster extends Forecaster {

  /** Forecast for one context, oldest sample first: [L][d] -> [H][d]. */
  double[][] forecastWindow(double[][] context, int horizon);

  @Override
  default double[][][] forecast(double[][][] contexts, int horizon) {
    double[][][] out = new double[contexts.length][][];
    for (int b = 0; b < contexts.length; b++) {
      if (contexts[b].length < minContextLength()) {
        throw new IllegalArgumentException(
            "context of " + contexts[b].length + " samples is shorter than " + minContextLength());
      }
      out[b] = forecastWindow(contexts[b], horizon);
    }
    return out;
  }
}
