package io.chaoscast.models.forecast;

import io.chaoscast.models.metrics.Standardisation;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Next-generation reservoir computing (Gauthier, Bollt, Griffith and Barbosa 2021, "Next generation
 * reservoir computing", Nat. Commun. 12:5564), fitted afresh on each context window.
 *
 * <p>Feature vector at time t: a constant, the k delayed states z_t, z_{t-s}, ..., z_{t-(k-1)s}
 * (the linear part, k d values) and all unique quadratic monomials of the linear part. A ridge
 * regression maps features to the one-step increment z_{t+1} - z_t; the forecast iterates it.
 * Everything runs on the window standardised per channel (its own mean and standard deviation).
 *
 * <p>Rollouts are clamped to the window's bounding box widened by half its range on each side: the
 * attractor of a dissipative system is bounded, and an unstable fit must not emit values that run
 * off to infinity.
 */
public final class NvarForecaster implements WindowForecaster {

  private static final long serialVersionUID = 1L;

  private final int delays;
  private final int spacing;
  private final double ridge;

  /**
   * @param delays k, the number of delayed states in the linear part (the embedding dimension)
   * @param spacing s, samples between delayed states (the embedding delay)
   * @param ridge Tikhonov regularisation, on standardised features
   */
  public NvarForecaster(int delays, int spacing, double ridge) {
    if (delays < 1 || spacing < 1 || ridge < 0) {
      throw new IllegalArgumentException("need delays >= 1, spacing >= 1, ridge >= 0");
    }
    this.delays = delays;
    this.spacing = spacing;
    this.ridge = ridge;
  }

  @Override
  public String id() {
    return "nvar-k" + delays + "-s" + spacing + "@1";
  }

  @Override
  public int minContextLength() {
    // enough rows for a meaningful fit even with ridge: twice the delay span plus ten
    return 2 * (delays - 1) * spacing + 10;
  }

  @Override
  public double[][] forecastWindow(double[][] context, int horizon) {
    int length = context.length;
    int d = context[0].length;
    Standardisation scale = Standardisation.fit(context);
    double[][] z = scale.apply(context);

    int span = (delays - 1) * spacing;
    int features = featureCount(d);
    int rows = length - 1 - span;
    DMatrixRMaj phi = new DMatrixRMaj(rows, features);
    DMatrixRMaj target = new DMatrixRMaj(rows, d);
    double[] f = new double[features];
    for (int r = 0; r < rows; r++) {
      int t = r + span;
      features(z, t, f);
      for (int j = 0; j < features; j++) phi.unsafe_set(r, j, f[j]);
      for (int c = 0; c < d; c++) target.unsafe_set(r, c, z[t + 1][c] - z[t][c]);
    }
    DMatrixRMaj weights = ridgeSolve(phi, target);

    double[] lo = new double[d];
    double[] hi = new double[d];
    bounds(z, lo, hi);

    // Rolling history: the last span + 1 standardised states, then the predictions.
    double[][] history = new double[span + 1 + horizon][];
    System.arraycopy(z, length - span - 1, history, 0, span + 1);
    double[][] forecast = new double[horizon][];
    for (int h = 0; h < horizon; h++) {
      int t = span + h;
      features(history, t, f);
      double[] next = new double[d];
      for (int c = 0; c < d; c++) {
        double inc = 0;
        for (int j = 0; j < features; j++) inc += f[j] * weights.unsafe_get(j, c);
        double v = history[t][c] + inc;
        next[c] = Double.isFinite(v) ? Math.max(lo[c], Math.min(hi[c], v)) : history[t][c];
      }
      history[t + 1] = next;
      forecast[h] = scale.invert(next);
    }
    return forecast;
  }

  int featureCount(int d) {
    int linear = delays * d;
    return 1 + linear + linear * (linear + 1) / 2;
  }

  /** Writes the feature vector of time t into f. */
  private void features(double[][] z, int t, double[] f) {
    int d = z[0].length;
    int linear = delays * d;
    f[0] = 1.0;
    for (int k = 0; k < delays; k++) {
      System.arraycopy(z[t - k * spacing], 0, f, 1 + k * d, d);
    }
    int j = 1 + linear;
    for (int a = 0; a < linear; a++) {
      for (int b = a; b < linear; b++) f[j++] = f[1 + a] * f[1 + b];
    }
  }

  private DMatrixRMaj ridgeSolve(DMatrixRMaj phi, DMatrixRMaj target) {
    int n = phi.numCols;
    DMatrixRMaj gram = new DMatrixRMaj(n, n);
    CommonOps_DDRM.multTransA(phi, phi, gram);
    double scale = Math.max(1.0, phi.numRows);
    for (int i = 0; i < n; i++) gram.add(i, i, ridge * scale);
    DMatrixRMaj rhs = new DMatrixRMaj(n, target.numCols);
    CommonOps_DDRM.multTransA(phi, target, rhs);
    DMatrixRMaj weights = new DMatrixRMaj(n, target.numCols);
    if (!CommonOps_DDRM.solveSPD(gram, rhs, weights)) {
      // Not positive definite (ridge 0 and rank-deficient): fall back to a pseudo-inverse solve.
      CommonOps_DDRM.solve(gram, rhs, weights);
    }
    return weights;
  }

  private static void bounds(double[][] z, double[] lo, double[] hi) {
    java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    for (double[] row : z) {
      for (int c = 0; c < row.length; c++) {
        lo[c] = Math.min(lo[c], row[c]);
        hi[c] = Math.max(hi[c], row[c]);
      }
    }
    for (int c = 0; c < lo.length; c++) {
      double margin = 0.5 * (hi[c] - lo[c]);
      lo[c] -= margin;
      hi[c] += margin;
    }
  }
}
