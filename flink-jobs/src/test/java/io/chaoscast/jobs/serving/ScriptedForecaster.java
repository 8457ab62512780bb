package io.chaoscast.jobs.serving;

import io.chaoscast.models.forecast.Forecaster;
import java.util.function.Supplier;

/**
 * A forecaster whose failure modes a test scripts: it runs {@code before} (which may block or
 * throw, an {@link Error} included), then repeats each context's last row. Real models cannot be
 * made to run out of memory or hang on demand; the batcher's and server's handling of those cases
 * is what the tests check.
 */
record ScriptedForecaster(Supplier<Void> before) implements Forecaster {

  private static final long serialVersionUID = 1L;

  @Override
  public String id() {
    return "scripted@1";
  }

  @Override
  public int minContextLength() {
    return 1;
  }

  @Override
  public double[][][] forecast(double[][][] contexts, int horizon) {
    before.get();
    double[][][] out = new double[contexts.length][horizon][];
    for (int b = 0; b < contexts.length; b++)
      for (int h = 0; h < horizon; h++) out[b][h] = contexts[b][contexts[b].length - 1].clone();
    return out;
  }

  static ScriptedForecaster throwing(Error error) {
    return new ScriptedForecaster(
        () -> {
          throw error;
        });
  }
}
