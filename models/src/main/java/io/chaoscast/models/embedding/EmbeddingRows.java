package io.chaoscast.models.embedding;

/**
 * Delay vectors of dimension m (per channel) restricted to the rows for which coordinate m
 * (0-based, i.e. the next delay) also exists, so that dimension m and m + 1 are compared on the
 * same points, as FNN and Cao's method require.
 */
final class EmbeddingRows {

  private EmbeddingRows() {}

  /** Rows usable when comparing dimensions up to {@code mMax + 1}. */
  static int rows(double[][] channels, int[] tau, int mMax) {
    int span = 0;
    for (int c = 0; c < channels.length; c++) span = Math.max(span, mMax * tau[c]);
    return channels[0].length - span;
  }

  /** The first {@code rows} delay vectors of dimension m per channel. */
  static double[][] vectors(double[][] channels, int[] tau, int m, int rows) {
    int d = channels.length;
    double[][] out = new double[rows][d * m];
    for (int i = 0; i < rows; i++) {
      int k = 0;
      for (int c = 0; c < d; c++)
        for (int j = 0; j < m; j++) out[i][k++] = channels[c][i + j * tau[c]];
    }
    return out;
  }

  /** Coordinate m of row i in every channel: x_c[i + m tau_c]. */
  static double next(double[][] channels, int[] tau, int m, int i, int c) {
    return channels[c][i + m * tau[c]];
  }
}
