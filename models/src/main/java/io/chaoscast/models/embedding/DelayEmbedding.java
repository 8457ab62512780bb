package io.chaoscast.models.embedding;

/**
 * Delay vectors (Takens 1981; Packard et al. 1980). For one channel, row i is (x_i, x_{i+tau}, ...,
 * x_{i+(m-1) tau}) for i = 0 .. N - (m-1) tau - 1. For several channels each channel c contributes
 * m_c coordinates with its own delay tau_c, rows aligned on the same start index, so the vector has
 * sum_c m_c coordinates and there are N - max_c (m_c - 1) tau_c rows.
 */
public final class DelayEmbedding {

  private DelayEmbedding() {}

  /** Embeds one channel. */
  public static double[][] embed(double[] x, int tau, int m) {
    return embed(new double[][] {x}, new int[] {tau}, new int[] {m});
  }

  /**
   * Embeds several channels.
   *
   * @param channels channel-major series, {@code channels[c][t]}, all of the same length
   */
  public static double[][] embed(double[][] channels, int[] tau, int[] m) {
    int span = 0, width = 0;
    for (int c = 0; c < channels.length; c++) {
      if (tau[c] < 1 || m[c] < 1) throw new IllegalArgumentException("tau and m must be >= 1");
      span = Math.max(span, (m[c] - 1) * tau[c]);
      width += m[c];
    }
    int rows = channels[0].length - span;
    if (rows < 1) throw new IllegalArgumentException("series too short for this embedding");
    double[][] out = new double[rows][width];
    for (int i = 0; i < rows; i++) {
      int k = 0;
      for (int c = 0; c < channels.length; c++) {
        for (int j = 0; j < m[c]; j++) out[i][k++] = channels[c][i + j * tau[c]];
      }
    }
    return out;
  }

  /** Transposes time-major rows {@code values[t][c]} into channel-major arrays. */
  public static double[][] channels(double[][] values) {
    int n = values.length, d = values[0].length;
    double[][] out = new double[d][n];
    for (int t = 0; t < n; t++) for (int c = 0; c < d; c++) out[c][t] = values[t][c];
    return out;
  }
}
