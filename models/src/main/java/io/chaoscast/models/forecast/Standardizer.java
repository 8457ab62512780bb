package io.chaoscast.models.forecast;

/**
 * Per-channel affine map z = (x - mean) / std and back. A channel with zero spread keeps std 1 so
 * that constant channels pass through unchanged instead of dividing by zero.
 */
public record Standardizer(double[] mean, double[] std) {

  public static Standardizer of(double[][] series) {
    int d = series[0].length;
    double[] mean = new double[d];
    double[] m2 = new double[d];
    int n = 0;
    for (double[] row : series) { // Welford's online update, stable for long windows
      n++;
      for (int c = 0; c < d; c++) {
        double delta = row[c] - mean[c];
        mean[c] += delta / n;
        m2[c] += delta * (row[c] - mean[c]);
      }
    }
    double[] std = new double[d];
    for (int c = 0; c < d; c++) {
      double s = Math.sqrt(m2[c] / Math.max(1, n - 1));
      std[c] = s > 1e-12 ? s : 1.0;
    }
    return new Standardizer(mean, std);
  }

  public double[][] apply(double[][] series) {
    double[][] out = new double[series.length][];
    for (int t = 0; t < series.length; t++) {
      double[] row = new double[series[t].length];
      for (int c = 0; c < row.length; c++) row[c] = (series[t][c] - mean[c]) / std[c];
      out[t] = row;
    }
    return out;
  }

  public double[] invert(double[] z) {
    double[] x = new double[z.length];
    for (int c = 0; c < z.length; c++) x[c] = z[c] * std[c] + mean[c];
    return x;
  }
}
