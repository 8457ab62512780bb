package io.chaoscast.models.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class RidgeTest {

  /** The textbook solve of (Phi^T Phi + alpha n I) W = Phi^T Y with EJML, Phi materialised. */
  private static double[][] reference(double[][] phi, double[][] y, double alpha, boolean spd) {
    DMatrixRMaj p = new DMatrixRMaj(phi);
    DMatrixRMaj g = new DMatrixRMaj(p.numCols, p.numCols);
    CommonOps_DDRM.multTransA(p, p, g);
    for (int i = 0; i < g.numRows; i++) g.add(i, i, alpha * phi.length);
    DMatrixRMaj rhs = new DMatrixRMaj(p.numCols, y[0].length);
    CommonOps_DDRM.multTransA(p, new DMatrixRMaj(y), rhs);
    DMatrixRMaj w = new DMatrixRMaj(p.numCols, y[0].length);
    if (spd) assertThat(CommonOps_DDRM.solveSPD(g, rhs, w)).isTrue();
    else CommonOps_DDRM.solve(g, rhs, w);
    double[][] out = new double[w.numRows][w.numCols];
    for (int i = 0; i < w.numRows; i++) for (int c = 0; c < w.numCols; c++) out[i][c] = w.get(i, c);
    return out;
  }

  private static double[][] accumulated(double[][] phi, double[][] y, double alpha) {
    Ridge.Accumulator acc = new Ridge.Accumulator(phi[0].length, y[0].length);
    for (int r = 0; r < phi.length; r++) acc.add(phi[r], y[r]);
    return acc.solve(alpha);
  }

  @Test
  void shouldSolveTheRidgeNormalEquationsOverSeveralBlocks() {
    SplittableRandom random = new SplittableRandom(3);
    int rows = 150; // four blocks and a part
    double[][] phi = new double[rows][12];
    double[][] y = new double[rows][3];
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < 12; i++) phi[r][i] = random.nextGaussian();
      for (int c = 0; c < 3; c++) y[r][c] = random.nextGaussian();
    }
    double[][] expected = reference(phi, y, 1e-3, true);
    double[][] actual = accumulated(phi, y, 1e-3);
    for (int i = 0; i < 12; i++) {
      for (int c = 0; c < 3; c++) {
        assertThat(actual[i][c]).isCloseTo(expected[i][c], Offset.offset(1e-12));
      }
    }
  }

  /**
   * A feature that is always zero, with no ridge: the Gram matrix is singular, the Cholesky
   * factorisation fails part-way, and the LU fallback must see the matrix as it was before it.
   */
  @Test
  void shouldFallBackToLuOnTheUnfactorisedMatrixWhenItIsNotPositiveDefinite() {
    SplittableRandom random = new SplittableRandom(5);
    double[][] phi = new double[40][4];
    double[][] y = new double[40][2];
    for (int r = 0; r < 40; r++) {
      phi[r][0] = 1;
      phi[r][1] = random.nextGaussian();
      phi[r][3] = random.nextGaussian();
      y[r][0] = random.nextGaussian();
      y[r][1] = random.nextGaussian();
    }
    double[][] expected = reference(phi, y, 0, false);
    double[][] actual = accumulated(phi, y, 0);
    for (int i = 0; i < 4; i++) {
      for (int c = 0; c < 2; c++) {
        assertThat(actual[i][c]).isCloseTo(expected[i][c], Offset.offset(1e-9));
      }
    }
  }

  @Test
  void shouldRefuseRowsAfterTheSolve() {
    Ridge.Accumulator acc = new Ridge.Accumulator(2, 1);
    acc.add(new double[] {1, 2}, new double[] {3});
    acc.solve(1e-3);
    assertThatThrownBy(() -> acc.add(new double[] {1, 2}, new double[] {3}))
        .isInstanceOf(IllegalStateException.class);
  }

  /** The vector dot is the scalar one bit for bit, at every length and offset the blocks use. */
  @Test
  void vectorDotEqualsTheScalarDotExactly() {
    // the build's tests run with the vector module (pom.xml, vector.module)
    var random = new SplittableRandom(5);
    double[] a = random.doubles(200, -1e3, 1e3).toArray();
    double[] b = random.doubles(200, -1e-3, 1e-3).toArray();
    for (int n = 0; n <= 64; n++) {
      for (int from = 0; from < 5; from++) {
        assertThat(VectorDot.dot(a, from, b, 2 * from, n))
            .isEqualTo(Ridge.Accumulator.scalarDot(a, from, b, 2 * from, n));
      }
    }
  }
}
