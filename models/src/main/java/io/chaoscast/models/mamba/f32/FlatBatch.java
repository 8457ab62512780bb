package io.chaoscast.models.mamba.f32;

/**
 * The engines' shared boundary between the {@code Forecaster} contract ([B][L][d] doubles in the
 * stream's units) and their row-major float32 buffers on the model's standardised scale.
 */
public final class FlatBatch {

  private FlatBatch() {}

  /**
   * Checks that the contexts share one length and have {@code mean.length} channels, then
   * standardises them into a row-major [B][L][d] buffer.
   *
   * @return the buffer; its context length is {@code contexts[0].length}
   */
  public static float[] standardise(double[][][] contexts, double[] mean, double[] std) {
    if (contexts.length == 0) throw new IllegalArgumentException("empty batch");
    int length = contexts[0].length;
    int ch = mean.length;
    float[] flat = new float[contexts.length * length * ch];
    for (int b = 0; b < contexts.length; b++) {
      if (contexts[b].length != length)
        throw new IllegalArgumentException("contexts differ in length");
      for (int t = 0; t < length; t++) {
        double[] row = contexts[b][t];
        if (row.length != ch) {
          throw new IllegalArgumentException(
              "model has " + ch + " channels, context " + row.length);
        }
        for (int c = 0; c < ch; c++)
          flat[(b * length + t) * ch + c] = (float) ((row[c] - mean[c]) / std[c]);
      }
    }
    return flat;
  }

  /**
   * The inverse for forecasts: a row-major standardised [B][H][d] buffer back to the stream's
   * units.
   */
  public static double[][][] destandardise(
      float[] out, int batch, int horizon, double[] mean, double[] std) {
    int ch = mean.length;
    double[][][] result = new double[batch][horizon][ch];
    for (int b = 0; b < batch; b++) {
      for (int h = 0; h < horizon; h++) {
        for (int c = 0; c < ch; c++)
          result[b][h][c] = out[(b * horizon + h) * ch + c] * std[c] + mean[c];
      }
    }
    return result;
  }
}
