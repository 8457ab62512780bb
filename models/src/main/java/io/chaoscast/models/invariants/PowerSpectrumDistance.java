package io.chaoscast.models.invariants;

import io.chaoscast.models.signal.Fft;

/**
 * Power-spectrum Hellinger distance D_H (Mikhaeil et al. 2022; Hess et al. 2023, generalized
 * teacher forcing; PhyxMamba): for each channel, the periodograms of the true and generated series
 * (mean removed, zero-padded to a common power-of-two length) are smoothed with a Gaussian kernel
 * of {@code sigma} frequency bins and normalised to sum 1, giving p and q; H = sqrt(1 - sum_k
 * sqrt(p_k q_k)) in [0, 1]; D_H is the mean of H over channels. Series should be standardised with
 * the training data's statistics first (D_H itself is scale-free per channel because of the
 * normalisation, but comparisons across runs assume the same preprocessing).
 */
public final class PowerSpectrumDistance {

  public static final double DEFAULT_SIGMA = 20.0;

  private PowerSpectrumDistance() {}

  /** D_H over channels of time-major arrays {@code values[t][c]}. */
  public static double compute(double[][] truth, double[][] generated) {
    return compute(truth, generated, DEFAULT_SIGMA);
  }

  public static double compute(double[][] truth, double[][] generated, double sigma) {
    int d = truth[0].length;
    double sum = 0;
    for (int c = 0; c < d; c++) sum += hellinger(column(truth, c), column(generated, c), sigma);
    return sum / d;
  }

  /** Hellinger distance between the smoothed, normalised spectra of two scalar series. */
  public static double hellinger(double[] a, double[] b, double sigma) {
    int n = Fft.nextPowerOfTwo(Math.max(a.length, b.length));
    double[] p = normalise(smooth(spectrum(a, n), sigma));
    double[] q = normalise(smooth(spectrum(b, n), sigma));
    double bc = 0;
    for (int k = 0; k < p.length; k++) bc += Math.sqrt(p[k] * q[k]);
    return Math.sqrt(Math.max(0.0, 1.0 - bc));
  }

  private static double[] spectrum(double[] x, int n) {
    double[] padded = new double[n];
    double mean = 0;
    for (double v : x) mean += v;
    mean /= x.length;
    for (int i = 0; i < x.length; i++) padded[i] = x[i] - mean;
    double[] im = new double[n];
    Fft.transform(padded, im);
    double[] p = new double[n / 2 + 1];
    for (int k = 0; k <= n / 2; k++) p[k] = padded[k] * padded[k] + im[k] * im[k];
    return p;
  }

  private static double[] smooth(double[] p, double sigma) {
    if (sigma <= 0) return p;
    int half = (int) Math.ceil(3 * sigma);
    double[] w = new double[2 * half + 1];
    for (int j = -half; j <= half; j++) w[j + half] = Math.exp(-0.5 * j * j / (sigma * sigma));
    double[] out = new double[p.length];
    for (int k = 0; k < p.length; k++) {
      double s = 0, ws = 0;
      for (int j = -half; j <= half; j++) {
        int i = k + j;
        if (i < 0 || i >= p.length) continue;
        s += w[j + half] * p[i];
        ws += w[j + half];
      }
      out[k] = s / ws;
    }
    return out;
  }

  private static double[] normalise(double[] p) {
    double s = 0;
    for (double v : p) s += v;
    double[] out = new double[p.length];
    for (int k = 0; k < p.length; k++) out[k] = s == 0 ? 1.0 / p.length : p[k] / s;
    return out;
  }

  private static double[] column(double[][] a, int c) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) out[i] = a[i][c];
    return out;
  }
}
