package io.chaoscast.models.drift;

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
 */
final class ReferenceDynamics {

  /** Delayed states in the linear part (z_t, z_{t-1}). */
  static final int DELAYS = 2;

  private final int channels;
  private final double[][] weights;

  private ReferenceDynamics(int channels, double[][] weights) {
    this.channels = channels;
    this.weights = weights;
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
    return new ReferenceDynamics(d, weights);
  }

  /** Writes the weights; the channel count is the monitor's. */
  void write(DataOutput out) throws IOException {
    StateIO.writeMatrix(out, weights);
  }

  static ReferenceDynamics read(DataInput in, int channels) throws IOException {
    return new ReferenceDynamics(
        channels, StateIO.readMatrix(in, channels, featureCount(channels)));
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
