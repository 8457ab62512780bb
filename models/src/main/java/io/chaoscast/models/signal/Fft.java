package io.chaoscast.models.signal;

/**
 * Iterative radix-2 Cooley-Tukey FFT (Cooley and Tukey 1965), in place on separate real and
 * imaginary arrays whose length is a power of two, and the one-sided periodogram built on it.
 * Hand-written (about 40 lines) rather than importing a library for one transform; checked against
 * a direct DFT in the tests.
 */
public final class Fft {

  private Fft() {}

  /** Forward transform X_k = sum_n x_n exp(-2 pi i k n / N), in place. */
  public static void transform(double[] re, double[] im) {
    int n = re.length;
    if (im.length != n || Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException("length must be a power of two, got " + n);
    }
    for (int i = 1, j = 0; i < n; i++) { // bit-reversal permutation
      int bit = n >> 1;
      for (; (j & bit) != 0; bit >>= 1) j ^= bit;
      j ^= bit;
      if (i < j) {
        double t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
    for (int len = 2; len <= n; len <<= 1) {
      double ang = -2.0 * Math.PI / len;
      double wr = Math.cos(ang), wi = Math.sin(ang);
      for (int i = 0; i < n; i += len) {
        double cr = 1.0, ci = 0.0;
        for (int k = 0; k < len / 2; k++) {
          int a = i + k, b = a + len / 2;
          double xr = re[b] * cr - im[b] * ci;
          double xi = re[b] * ci + im[b] * cr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
          double nr = cr * wr - ci * wi;
          ci = cr * wi + ci * wr;
          cr = nr;
        }
      }
    }
  }

  /** Smallest power of two >= n. */
  public static int nextPowerOfTwo(int n) {
    int p = 1;
    while (p < n) p <<= 1;
    return p;
  }

  /**
   * One-sided periodogram |X_k|^2 for k = 0..N/2 of the mean-removed series, zero-padded to the
   * next power of two N. Unnormalised: callers that compare spectra normalise them.
   */
  public static double[] powerSpectrum(double[] x) {
    int n = nextPowerOfTwo(x.length);
    double mean = Stats.mean(x);
    double[] re = new double[n];
    double[] im = new double[n];
    for (int i = 0; i < x.length; i++) re[i] = x[i] - mean;
    transform(re, im);
    double[] p = new double[n / 2 + 1];
    for (int k = 0; k <= n / 2; k++) p[k] = re[k] * re[k] + im[k] * im[k];
    return p;
  }

  /**
   * Mean period of a series in samples: 1 / (power-weighted mean frequency), as Rosenstein et al.
   * (1993) use for their Theiler window.
   */
  public static double meanPeriod(double[] x) {
    double[] p = powerSpectrum(x);
    int n = 2 * (p.length - 1);
    double num = 0, den = 0;
    for (int k = 1; k < p.length; k++) {
      num += p[k] * k / (double) n;
      den += p[k];
    }
    return den == 0 ? Double.NaN : den / num;
  }
}
