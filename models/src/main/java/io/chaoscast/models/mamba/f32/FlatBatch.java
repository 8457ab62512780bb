package io.chaoscast.models.mamba.f32;

import io.chaoscast.models.metrics.Standardisation;

/**
 * The engines' shared boundary between the {@code Forecaster} contract ([B][L][d] doubles in the
 * stream's units) and their row-major float32 buffers on the model's working scale ({@link
 * Scaling}).
 */
public final class FlatBatch {

  private FlatBatch() {}

  /**
   * A standardised batch: the row-major [B][L][d] buffer and, per context, the mean and SD it was
   * standardised with (the same rows for every context unless the scaling is per context).
   */
  public record Standardised(
      float[] values, int batch, int length, double[][] mean, double[][] std) {}

  /**
   * Checks that the contexts share one length and have the scaling's channel count, then
   * standardises each with {@link Scaling#of}.
   */
  public static Standardised standardise(double[][][] contexts, Scaling scaling) {
    if (contexts.length == 0) throw new IllegalArgumentException("empty batch");
    int length = contexts[0].length;
    int ch = scaling.mean().length;
    float[] flat = new float[contexts.length * length * ch];
    double[][] means = new double[contexts.length][];
    double[][] stds = new double[contexts.length][];
    for (int b = 0; b < contexts.length; b++) {
      if (contexts[b].length != length)
        throw new IllegalArgumentException("contexts differ in length");
      for (double[] row : contexts[b]) {
        if (row.length != ch) {
          throw new IllegalArgumentException(
              "model has " + ch + " channels, context " + row.length);
        }
      }
      Standardisation norm = scaling.of(contexts[b], length);
      means[b] = norm.mean();
      stds[b] = norm.std();
      double[][] z = norm.apply(contexts[b]);
      for (int t = 0; t < length; t++) {
        for (int c = 0; c < ch; c++) flat[(b * length + t) * ch + c] = (float) z[t][c];
      }
    }
    return new Standardised(flat, contexts.length, length, means, stds);
  }

  /**
   * The inverse for forecasts: a row-major standardised [B][H][d] buffer back to the stream's
   * units, each forecast with its context's statistics.
   */
  public static double[][][] destandardise(float[] out, int horizon, Standardised in) {
    int batch = in.batch();
    int ch = in.mean()[0].length;
    double[][][] result = new double[batch][horizon][ch];
    for (int b = 0; b < batch; b++) {
      double[] m = in.mean()[b];
      double[] s = in.std()[b];
      for (int h = 0; h < horizon; h++) {
        for (int c = 0; c < ch; c++)
          result[b][h][c] = out[(b * horizon + h) * ch + c] * s[c] + m[c];
      }
    }
    return result;
  }
}
