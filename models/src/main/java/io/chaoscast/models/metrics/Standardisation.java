package io.chaoscast.models.metrics;

/**
 * Per-channel affine map z = (x - mean) / sd with mean and SD taken from training data, applied
 * unchanged to test series and forecasts before sMAPE, VPT, D_stsp and D_H are computed.
 */
public record Standardisation(double[] mean, double[] std) {

  public Standardisation {
    if (mean.length != std.length) throw new IllegalArgumentException("length mismatch");
    mean = mean.clone();
    std = std.clone();
  }

  /** Mean and (population) SD per channel of time-major training data {@code x[t][c]}. */
  public static Standardisation fit(double[][] training) {
    int d = training[0].length, n = training.length;
    double[] m = new double[d], s = new double[d];
    for (double[] row : training) for (int c = 0; c < d; c++) m[c] += row[c];
    for (int c = 0; c < d; c++) m[c] /= n;
    for (double[] row : training) {
      for (int c = 0; c < d; c++) s[c] += (row[c] - m[c]) * (row[c] - m[c]);
    }
    for (int c = 0; c < d; c++) {
      s[c] = Math.sqrt(s[c] / n);
      if (s[c] == 0) s[c] = 1.0; // constant channel: centre only
    }
    return new Standardisation(m, s);
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] std() {
    return std.clone();
  }

  /** Maps one standardised vector back: x = z sd + mean. */
  public double[] invert(double[] z) {
    double[] x = new double[z.length];
    for (int c = 0; c < z.length; c++) x[c] = z[c] * std[c] + mean[c];
    return x;
  }

  /** A standardised copy of time-major {@code x[t][c]}. */
  public double[][] apply(double[][] x) {
    double[][] out = new double[x.length][];
    for (int t = 0; t < x.length; t++) {
      out[t] = new double[x[t].length];
      for (int c = 0; c < x[t].length; c++) out[t][c] = (x[t][c] - mean[c]) / std[c];
    }
    return out;
  }
}
