package io.chaoscast.models.forecast;

/**
 * The naive baseline: every future step equals the last observed one. Any model worth serving must
 * beat it; its valid prediction time is the scale against which the others are read.
 */
public final class PersistenceForecaster implements Forecaster {

  private static final long serialVersionUID = 1L;

  @Override
  public String id() {
    return "persistence@1";
  }

  @Override
  public int minContextLength() {
    return 1;
  }

  @Override
  public double[][][] forecast(double[][][] contexts, int horizon) {
    double[][][] out = new double[contexts.length][horizon][];
    for (int b = 0; b < contexts.length; b++) {
      double[] last = contexts[b][contexts[b].length - 1];
      for (int h = 0; h < horizon; h++) out[b][h] = last.clone();
    }
    return out;
  }
}
