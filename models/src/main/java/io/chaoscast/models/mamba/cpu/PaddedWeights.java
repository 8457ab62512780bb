package io.chaoscast.models.mamba.cpu;

import io.chaoscast.models.mamba.f32.MambaDims;
import io.chaoscast.models.mamba.f32.ParameterLayout;
import java.util.Arrays;

/**
 * The packed parameters rearranged for {@link VectorMambaStream}: every matrix transposed to {@code
 * [in][out]} so that a matrix-vector product is a sum of weight rows scaled by broadcast inputs
 * (whole vectors, no horizontal reductions), and every vector dimension padded with zeros to a
 * multiple of the SIMD lanes (no tail loops). A is stored {@code [N][E]} so that the scan runs its
 * lanes across the E channels. Holds no vector types, so it loads on any JVM.
 */
final class PaddedWeights {

  /** One layer's tensors; pads are 0 except A's, which are -1 so that no lane divides by 0. */
  record Layer(
      float[] norm,
      float[] inT,
      float[] convW,
      float[] convB,
      float[] xT,
      float[] dtT,
      float[] dtB,
      float[] aT,
      float[] dSkip,
      float[] outT) {}

  final MambaDims d;
  final int dm;
  final int e;
  final int xp;
  final int pd;
  final int dmP;
  final int eP;
  final int xpP;
  final int pdP;
  final float[] embedT;
  final float[] embedB;
  final Layer[] layers;
  final float[] finalNorm;
  final float[] headT;
  final float[] headB;

  PaddedWeights(MambaDims dims, float[] p, int lanes) {
    ParameterLayout at = new ParameterLayout(dims);
    d = dims;
    dm = dims.modelDim();
    e = dims.innerDim();
    xp = dims.xProjDim();
    pd = dims.patchDim();
    dmP = roundUp(dm, lanes);
    eP = roundUp(e, lanes);
    xpP = roundUp(xp, lanes);
    pdP = roundUp(pd, lanes);
    int n = dims.stateDim();
    int k = dims.convWidth();
    int r = dims.dtRank();
    embedT = transpose(p, at.embedWeight(), dm, dims.tokenDim(), dmP, 0, new float[0]);
    embedB = pad(p, at.embedBias(), dm, dmP);
    layers = new Layer[dims.layers()];
    for (int l = 0; l < layers.length; l++) {
      float[] inT = new float[dm * 2 * eP];
      // x and z halves of in_proj side by side, each padded to eP
      transpose(p, at.inProj(l), e, dm, 2 * eP, 0, inT);
      transpose(p, at.inProj(l) + e * dm, e, dm, 2 * eP, eP, inT);
      float[] convW = new float[k * eP];
      for (int q = 0; q < k; q++) {
        System.arraycopy(p, at.convWeight(l) + q * e, convW, q * eP, e);
      }
      float[] aT = new float[n * eP];
      Arrays.fill(aT, -1f);
      transpose(p, at.a(l), e, n, eP, 0, aT);
      layers[l] =
          new Layer(
              pad(p, at.norm(l), dm, dmP),
              inT,
              convW,
              pad(p, at.convBias(l), e, eP),
              transpose(p, at.xProj(l), xp, e, xpP, 0, new float[0]),
              transpose(p, at.dtWeight(l), e, r, eP, 0, new float[0]),
              pad(p, at.dtBias(l), e, eP),
              aT,
              pad(p, at.dSkip(l), e, eP),
              transpose(p, at.outProj(l), dm, e, dmP, 0, new float[0]));
    }
    finalNorm = pad(p, at.finalNorm(), dm, dmP);
    headT = transpose(p, at.headWeight(), pd, dm, pdP, 0, new float[0]);
    headB = pad(p, at.headBias(), pd, pdP);
  }

  static int roundUp(int n, int lanes) {
    return (n + lanes - 1) / lanes * lanes;
  }

  private static float[] pad(float[] p, int off, int len, int padded) {
    return Arrays.copyOf(Arrays.copyOfRange(p, off, off + len), padded);
  }

  /**
   * Writes the {@code [rows][cols]} matrix at {@code p[off..]} as {@code [cols][stride]} with row i
   * at column {@code shift + i}; allocates {@code cols * stride} floats when {@code into} is empty.
   */
  private static float[] transpose(
      float[] p, int off, int rows, int cols, int stride, int shift, float[] into) {
    float[] t = into.length == 0 ? new float[cols * stride] : into;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) t[j * stride + shift + i] = p[off + i * cols + j];
    }
    return t;
  }
}
