package io.chaoscast.models.drift;

import io.chaoscast.models.signal.Stats;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A one-step model of the reference period's dynamics, fitted once: NVAR (Gauthier et al. 2021)
 * with features 1, z_t, z_{t-1} and their quadratic monomials, mapping to the increment z_{t+1} -
 * z_t, by ridge regression on the standardised reference samples. Its one-step residual on later
 * samples measures how far the current vector field is from the reference one: a parameter change
 * (Lorenz rho, Rossler c, a neural-mass gain) shows up within a few samples, while a stationary
 * stream keeps the reference residual level (model-based change detection, residual generation:
 * Basseville and Nikiforov 1993, ch. 7). Quadratic features make it exact for Lorenz and Rossler up
 * to the integration step.
 *
 * <p>It also keeps each channel's typical one-step increment in the reference, the median of
 * |z_{t+1} - z_t|, so that a window can be told to be louder than the reference (its increments
 * grew with its amplitude, as the EEG's louder stretches do) or to have lost a channel's dynamics
 * (a stuck or flat channel stops moving; a merely calmer stretch keeps moving). Medians, because a
 * level shift or a spike is one large increment and must not count as loudness.
 */
final class ReferenceDynamics {

  /** Delayed states in the linear part (z_t, z_{t-1}). */
  static final int DELAYS = 2;

  /** Floor of a reference increment scale (a constant reference channel still needs a unit). */
  private static final double MIN_SCALE = 1e-9;

  private final int channels;
  private final double[][] weights;

  /** Per channel, the reference's median |z_{t+1} - z_t|; null when restored from format 3-4. */
  private final double[] incrementScale;

  private ReferenceDynamics(int channels, double[][] weights, double[] incrementScale) {
    this.channels = channels;
    this.weights = weights;
    this.incrementScale = incrementScale;
  }

  /**
   * @param z standardised reference samples, time-major
   * @param ridge Tikhonov regularisation, scaled by the row count
   */
  static ReferenceDynamics fit(double[][] z, double ridge) {
    int d = z[0].length;
    int n = featureCount(d);
    int rows = z.length - DELAYS;
    DMatrixRMaj phi = new DMatrixRMaj(rows, n);
    DMatrixRMaj target = new DMatrixRMaj(rows, d);
    double[] f = new double[n];
    for (int r = 0; r < rows; r++) {
      int t = r + DELAYS - 1;
      features(z[t], z[t - 1], f);
      for (int j = 0; j < n; j++) phi.unsafe_set(r, j, f[j]);
      for (int c = 0; c < d; c++) target.unsafe_set(r, c, z[t + 1][c] - z[t][c]);
    }
    DMatrixRMaj gram = new DMatrixRMaj(n, n);
    CommonOps_DDRM.multTransA(phi, phi, gram);
    for (int i = 0; i < n; i++) gram.add(i, i, ridge * rows);
    DMatrixRMaj rhs = new DMatrixRMaj(n, d);
    CommonOps_DDRM.multTransA(phi, target, rhs);
    DMatrixRMaj w = new DMatrixRMaj(n, d);
    if (!CommonOps_DDRM.solveSPD(gram, rhs, w)) CommonOps_DDRM.solve(gram, rhs, w);
    double[][] weights = new double[d][n];
    for (int c = 0; c < d; c++) for (int j = 0; j < n; j++) weights[c][j] = w.get(j, c);
    return new ReferenceDynamics(d, weights, medianIncrements(z));
  }

  /**
   * Writes the weights and, from monitor state format 5 on, the increment scales (NaN where a
   * restore from an older format left none); the channel count is the monitor's.
   */
  void write(DataOutput out, int format) throws IOException {
    StateIO.writeMatrix(out, weights);
    if (format < 5) return;
    double[] scale = incrementScale;
    if (scale == null) {
      scale = new double[channels];
      java.util.Arrays.fill(scale, Double.NaN);
    }
    StateIO.writeDoubles(out, scale, channels);
  }

  /** Reads what {@link #write} wrote in monitor state format {@code format}. */
  static ReferenceDynamics read(DataInput in, int channels, int format) throws IOException {
    double[][] weights = StateIO.readMatrix(in, channels, featureCount(channels));
    double[] scale = format >= 5 ? StateIO.readDoubles(in, channels) : null;
    if (scale != null && java.util.Arrays.stream(scale).anyMatch(v -> !(v >= 0))) scale = null;
    return new ReferenceDynamics(channels, weights, scale);
  }

  /**
   * How much louder the rows are than the reference: the mean over channels of (median |dz| in the
   * rows / the reference's)^2, at least 1; the factor by which louder dynamics alone scale the mean
   * squared residual. Channels whose reference median increment is 0 (constant, or stepping so
   * rarely that most increments are 0: a sensor stuck through the warm-up, coarse quantisation)
   * have no scale to be louder than and are left out; without them a channel that starts moving
   * after the warm-up would make every later window "louder" by a factor of 10^18 and no residual
   * rise would count for the stream again. 1 for a monitor restored from a format without scales,
   * or when no channel has a scale.
   */
  double loudness(double[][] rows) {
    if (incrementScale == null) return 1;
    double sum = 0;
    int scaled = 0;
    for (int c = 0; c < channels; c++) {
      if (!(incrementScale[c] > MIN_SCALE)) continue;
      double r = incrementRatio(rows, c);
      sum += r * r;
      scaled++;
    }
    return scaled == 0 ? 1 : Math.max(1, sum / scaled);
  }

  /**
   * Channel {@code c}'s median |dz| in the rows over the reference's: near 0 once a channel has
   * stopped moving for half the rows; 0 for a monitor restored from a format without scales (the
   * quiet-channel rule then rests on the window SD alone, as it did there).
   */
  double incrementRatio(double[][] rows, int c) {
    if (incrementScale == null) return 0;
    return medianIncrement(rows, c) / Math.max(incrementScale[c], MIN_SCALE);
  }

  private static double[] medianIncrements(double[][] z) {
    double[] out = new double[z[0].length];
    for (int c = 0; c < out.length; c++) out[c] = medianIncrement(z, c);
    return out;
  }

  private static double medianIncrement(double[][] z, int c) {
    double[] a = new double[z.length - 1];
    for (int t = 0; t < a.length; t++) a[t] = Math.abs(z[t + 1][c] - z[t][c]);
    return Stats.median(a);
  }

  /**
   * Squared one-step residual, averaged over channels, of predicting {@code next} from {@code
   * current} and {@code previous} (all standardised).
   */
  double residual(double[] previous, double[] current, double[] next) {
    double[] f = new double[featureCount(channels)];
    features(current, previous, f);
    double sum = 0;
    for (int c = 0; c < channels; c++) {
      double inc = 0;
      for (int j = 0; j < f.length; j++) inc += f[j] * weights[c][j];
      double e = next[c] - current[c] - inc;
      sum += e * e;
    }
    return sum / channels;
  }

  static int featureCount(int d) {
    int linear = DELAYS * d;
    return 1 + linear + linear * (linear + 1) / 2;
  }

  private static void features(double[] current, double[] previous, double[] f) {
    int d = current.length;
    f[0] = 1.0;
    System.arraycopy(current, 0, f, 1, d);
    System.arraycopy(previous, 0, f, 1 + d, d);
    int linear = 2 * d;
    int j = 1 + linear;
    for (int a = 0; a < linear; a++) {
      for (int b = a; b < linear; b++) f[j++] = f[1 + a] * f[1 + b];
    }
  }
}
