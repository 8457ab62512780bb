package io.chaoscast.models.baselines;

import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM;

/**
 * Ridge (Tikhonov) regression W = (Phi^T Phi + alpha n I)^-1 Phi^T Y, the readout of reservoir
 * computers (Lukosevicius and Jaeger 2009, eq. 9; Gauthier et al. 2021, eq. 4). The penalty is
 * scaled by the number of rows n so that alpha does not depend on the length of the series.
 */
final class Ridge {

  private Ridge() {}

  /**
   * Accumulates Phi^T Phi and Phi^T Y, so that Phi is never materialised whole. Rows are gathered
   * in blocks of {@value #BLOCK}, stored feature by feature, and each block is added as dot
   * products with four partial sums: the rank-one update of one row at a time was the per-window
   * NVAR's whole cost (docs/bench/nvar-window.txt), with each inner loop too short to keep the CPU
   * busy. The block is {@value #BLOCK} rows, not more: the job fits a window per forecast and per
   * drift block, and every buffer here is garbage after the fit, so its size is allocation rate.
   *
   * <p>One accumulator makes one fit: {@link #solve} factorises the Gram matrix in place.
   */
  static final class Accumulator {
    private static final int BLOCK = 32;

    private final int features;
    private final int outputs;
    private final DMatrixRMaj gram;
    private final DMatrixRMaj rhs;
    private final double[] blockF; // blockF[i * BLOCK + r]: feature i of the block's row r
    private final double[] blockY;
    private int filled;
    private int rows;
    private boolean solved;

    Accumulator(int features, int outputs) {
      this.features = features;
      this.outputs = outputs;
      gram = new DMatrixRMaj(features, features);
      rhs = new DMatrixRMaj(features, outputs);
      blockF = new double[features * BLOCK];
      blockY = new double[outputs * BLOCK];
    }

    void add(double[] f, double[] y) {
      if (solved) throw new IllegalStateException("this accumulator's matrix is factorised");
      for (int i = 0; i < features; i++) blockF[i * BLOCK + filled] = f[i];
      for (int c = 0; c < outputs; c++) blockY[c * BLOCK + filled] = y[c];
      rows++;
      if (++filled == BLOCK) flush();
    }

    /** Adds the gathered rows to the upper triangle of Phi^T Phi and to Phi^T Y. */
    private void flush() {
      for (int i = 0; i < features; i++) {
        int base = i * features;
        for (int j = i; j < features; j++) {
          gram.data[base + j] += dot(blockF, i * BLOCK, blockF, j * BLOCK, filled);
        }
        for (int c = 0; c < outputs; c++) {
          rhs.data[i * outputs + c] += dot(blockF, i * BLOCK, blockY, c * BLOCK, filled);
        }
      }
      filled = 0;
    }

    /**
     * Whether {@link #dot} runs on {@link VectorDot}: the vector module is present and the machine
     * is x86-64 (four double lanes in one AVX2 register). The same result either way.
     */
    static final boolean VECTOR_DOT =
        ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && Set.of("amd64", "x86_64").contains(System.getProperty("os.arch", ""));

    private static double dot(double[] a, int aFrom, double[] b, int bFrom, int n) {
      return VECTOR_DOT ? VectorDot.dot(a, aFrom, b, bFrom, n) : scalarDot(a, aFrom, b, bFrom, n);
    }

    /** The reference: four partial sums, so that the loop keeps the CPU's adders busy. */
    static double scalarDot(double[] a, int aFrom, double[] b, int bFrom, int n) {
      double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      int r = 0;
      for (; r + 3 < n; r += 4) {
        s0 += a[aFrom + r] * b[bFrom + r];
        s1 += a[aFrom + r + 1] * b[bFrom + r + 1];
        s2 += a[aFrom + r + 2] * b[bFrom + r + 2];
        s3 += a[aFrom + r + 3] * b[bFrom + r + 3];
      }
      for (; r < n; r++) s0 += a[aFrom + r] * b[bFrom + r];
      return (s0 + s1) + (s2 + s3);
    }

    /**
     * Solves for W ({@code features x outputs}): a Cholesky factorisation of Phi^T Phi + alpha n I
     * in place (the same steps as EJML's {@code solveSPD}, without its copies of the matrices), or
     * LU where the matrix is not positive definite.
     */
    double[][] solve(double alpha) {
      if (solved) throw new IllegalStateException("an accumulator solves once");
      solved = true;
      if (filled > 0) flush();
      int n = gram.numRows;
      double[] diagonal = new double[n];
      for (int i = 0; i < n; i++) {
        gram.add(i, i, alpha * Math.max(1, rows));
        diagonal[i] = gram.unsafe_get(i, i);
      }
      double[][] out = new double[n][outputs];
      // reads the upper triangle, writes L below it and on the diagonal
      if (new CholeskyDecompositionInner_DDRM(true).decompose(gram)) {
        double[] column = new double[n];
        for (int c = 0; c < outputs; c++) {
          for (int i = 0; i < n; i++) column[i] = rhs.unsafe_get(i, c);
          TriangularSolver_DDRM.solveL(gram.data, column, n);
          TriangularSolver_DDRM.solveTranL(gram.data, column, n);
          for (int i = 0; i < n; i++) out[i][c] = column[i];
        }
        return out;
      }
      // a failed factorisation left the upper triangle as it was: rebuild the matrix from it
      for (int i = 0; i < n; i++) {
        gram.unsafe_set(i, i, diagonal[i]);
        for (int j = 0; j < i; j++) gram.unsafe_set(i, j, gram.unsafe_get(j, i));
      }
      DMatrixRMaj w = new DMatrixRMaj(n, outputs);
      CommonOps_DDRM.solve(gram, rhs, w);
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < outputs; c++) out[i][c] = w.unsafe_get(i, c);
      }
      return out;
    }
  }
}
