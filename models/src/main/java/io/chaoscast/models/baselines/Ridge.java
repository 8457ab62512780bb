package io.chaoscast.models.baselines;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Ridge (Tikhonov) regression W = (Phi^T Phi + alpha n I)^-1 Phi^T Y, the readout of reservoir
 * computers (Lukosevicius and Jaeger 2009, eq. 9; Gauthier et al. 2021, eq. 4). The penalty is
 * scaled by the number of rows n so that alpha does not depend on the length of the series.
 */
final class Ridge {

  private Ridge() {}

  /** Accumulates Phi^T Phi and Phi^T Y row by row, so that Phi is never materialised. */
  static final class Accumulator {
    private final DMatrixRMaj gram;
    private final DMatrixRMaj rhs;
    private int rows;

    Accumulator(int features, int outputs) {
      gram = new DMatrixRMaj(features, features);
      rhs = new DMatrixRMaj(features, outputs);
    }

    void add(double[] f, double[] y) {
      int n = f.length;
      for (int i = 0; i < n; i++) {
        double fi = f[i];
        if (fi == 0) continue;
        int base = i * n;
        for (int j = i; j < n; j++) gram.data[base + j] += fi * f[j];
        for (int c = 0; c < y.length; c++) rhs.data[i * y.length + c] += fi * y[c];
      }
      rows++;
    }

    /** Solves for W ({@code features x outputs}). */
    double[][] solve(double alpha) {
      int n = gram.numRows;
      DMatrixRMaj g = gram.copy();
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < i; j++) g.unsafe_set(i, j, g.unsafe_get(j, i)); // symmetric fill
        g.add(i, i, alpha * Math.max(1, rows));
      }
      DMatrixRMaj w = new DMatrixRMaj(n, rhs.numCols);
      if (!CommonOps_DDRM.solveSPD(g, rhs.copy(), w)) CommonOps_DDRM.solve(g, rhs, w);
      double[][] out = new double[n][rhs.numCols];
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < rhs.numCols; c++) out[i][c] = w.unsafe_get(i, c);
      }
      return out;
    }
  }
}
