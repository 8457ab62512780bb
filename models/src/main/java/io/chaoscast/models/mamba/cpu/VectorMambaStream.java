package io.chaoscast.models.mamba.cpu;

import io.chaoscast.models.mamba.f32.MambaDims;
import java.util.Arrays;
import java.util.function.Supplier;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The step of {@link ScalarMambaStream} in explicit SIMD (the JDK's incubating vector API, whose
 * lanewise EXP and LOG1P are SVML intrinsics on x86): the selective scan runs its lanes across the
 * E channels, one vector exp per state element for a whole vector of channels, and the dense layers
 * are sums of transposed weight rows ({@link PaddedWeights}). Only this class touches {@code
 * jdk.incubator.vector}; load it only when that module is in the boot layer.
 */
final class VectorMambaStream extends MambaStream {

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private final PaddedWeights w;
  private final int n;
  private final int k;
  private final int r;
  private final float[] x;
  private final float[] nrm;
  private final float[] xz;
  private final float[] v;
  private final float[] xdbl;
  private final float[] delta;
  private final float[] g;
  private final float[] acc;
  private final float[][] conv;
  private final float[][] ssm;

  private VectorMambaStream(PaddedWeights weights) {
    super(weights.d);
    w = weights;
    MambaDims dims = weights.d;
    n = dims.stateDim();
    k = dims.convWidth();
    r = dims.dtRank();
    x = new float[w.dmP];
    nrm = new float[w.dmP];
    xz = new float[2 * w.eP];
    v = new float[w.eP];
    xdbl = new float[w.xpP];
    delta = new float[w.eP];
    g = new float[w.eP];
    acc = new float[Math.max(w.dmP, w.pdP)];
    conv = new float[dims.layers()][Math.max(0, k - 1) * w.eP];
    ssm = new float[dims.layers()][n * w.eP];
  }

  /** Rearranges the weights once; the supplier makes one stream per worker thread. */
  static Supplier<MambaStream> factory(MambaDims dims, float[] packed) {
    PaddedWeights weights = new PaddedWeights(dims, packed, L);
    return () -> new VectorMambaStream(weights);
  }

  /** Floats per vector on this machine (16 with AVX-512, 8 with AVX2). */
  static int lanes() {
    return L;
  }

  @Override
  void reset() {
    for (float[] c : conv) Arrays.fill(c, 0f);
    for (float[] s : ssm) Arrays.fill(s, 0f);
  }

  @Override
  void step(int patchAt) {
    int eP = w.eP;
    matVec(w.embedT, w.dmP, tok, tok.length, w.embedB, x);
    for (int l = 0; l < w.layers.length; l++) {
      PaddedWeights.Layer ly = w.layers[l];
      rmsNorm(ly.norm());
      matVec(ly.inT(), 2 * eP, nrm, w.dm, null, xz);
      convolve(ly, conv[l]);
      matVec(ly.xT(), w.xpP, v, w.e, null, xdbl);
      for (int i = 0; i < eP; i += L) {
        FloatVector dt = FloatVector.fromArray(S, ly.dtB(), i);
        for (int q = 0; q < r; q++) {
          dt =
              FloatVector.fromArray(S, ly.dtT(), q * eP + i)
                  .fma(FloatVector.broadcast(S, xdbl[q]), dt);
        }
        softplus(dt).intoArray(delta, i);
      }
      scan(ly, ssm[l]);
      matVec(ly.outT(), w.dmP, g, w.e, null, acc);
      for (int j = 0; j < w.dmP; j += L) {
        FloatVector.fromArray(S, x, j).add(FloatVector.fromArray(S, acc, j)).intoArray(x, j);
      }
    }
    if (patchAt < 0) return;
    rmsNorm(w.finalNorm);
    matVec(w.headT, w.pdP, nrm, w.dm, w.headB, acc);
    int last = d.lastSampleOffset();
    int ch = d.channels();
    for (int i = 0; i < w.pd; i++) {
      hist[patchAt + i] = d.residualOutput() ? acc[i] + tok[last + i % ch] : acc[i];
    }
  }

  /** Causal depthwise conv over the last K inputs, then SiLU, lanes across channels. */
  private void convolve(PaddedWeights.Layer ly, float[] cs) {
    int eP = w.eP;
    float[] cw = ly.convW();
    for (int i = 0; i < eP; i += L) {
      FloatVector u = FloatVector.fromArray(S, xz, i);
      FloatVector c = FloatVector.fromArray(S, ly.convB(), i);
      for (int q = 0; q < k - 1; q++) {
        c =
            FloatVector.fromArray(S, cw, q * eP + i)
                .fma(FloatVector.fromArray(S, cs, q * eP + i), c);
      }
      c = FloatVector.fromArray(S, cw, (k - 1) * eP + i).fma(u, c);
      for (int q = 0; q < k - 2; q++) {
        FloatVector.fromArray(S, cs, (q + 1) * eP + i).intoArray(cs, q * eP + i);
      }
      if (k > 1) u.intoArray(cs, (k - 2) * eP + i);
      silu(c).intoArray(v, i);
    }
  }

  /**
   * The selective scan (ZOH, diagonal A; see {@link ScalarMambaStream}) for a vector of channels at
   * a time: h is {@code [N][E]}, B and C are broadcast per state element, y = C h + D v is gated
   * with SiLU(z) into {@link #g}.
   */
  private void scan(PaddedWeights.Layer ly, float[] h) {
    int eP = w.eP;
    float[] aT = ly.aT();
    for (int i = 0; i < eP; i += L) {
      FloatVector dl = FloatVector.fromArray(S, delta, i);
      FloatVector vi = FloatVector.fromArray(S, v, i);
      FloatVector y = FloatVector.zero(S);
      for (int q = 0, o = i; q < n; q++, o += eP) {
        FloatVector an = FloatVector.fromArray(S, aT, o);
        FloatVector aBar = dl.mul(an).lanewise(VectorOperators.EXP);
        FloatVector bBar = aBar.sub(1f).div(an).mul(xdbl[r + q]);
        FloatVector hn = aBar.mul(FloatVector.fromArray(S, h, o)).add(bBar.mul(vi));
        hn.intoArray(h, o);
        y = hn.fma(FloatVector.broadcast(S, xdbl[r + n + q]), y);
      }
      y = FloatVector.fromArray(S, ly.dSkip(), i).fma(vi, y);
      y.mul(silu(FloatVector.fromArray(S, xz, eP + i))).intoArray(g, i);
    }
  }

  /** nrm = x / sqrt(mean(x^2) + eps) * gain over the real D values (the pads of x are 0). */
  private void rmsNorm(float[] gain) {
    FloatVector ss = FloatVector.zero(S);
    for (int j = 0; j < w.dmP; j += L) {
      FloatVector xj = FloatVector.fromArray(S, x, j);
      ss = xj.fma(xj, ss);
    }
    float rms = (float) Math.sqrt(ss.reduceLanes(VectorOperators.ADD) / w.dm + RMS_EPSILON);
    for (int j = 0; j < w.dmP; j += L) {
      FloatVector.fromArray(S, x, j)
          .div(rms)
          .mul(FloatVector.fromArray(S, gain, j))
          .intoArray(nrm, j);
    }
  }

  /**
   * out = W in (+ b) with W transposed ({@code [cols][rowsP]}): out accumulates rows of W^T scaled
   * by in[j], four output vectors at a time so that the FMA chains overlap.
   */
  private static void matVec(
      float[] wt, int rowsP, float[] in, int cols, float[] bias, float[] out) {
    int o = 0;
    for (; o + 4 * L <= rowsP; o += 4 * L) {
      FloatVector a0 = start(bias, o);
      FloatVector a1 = start(bias, o + L);
      FloatVector a2 = start(bias, o + 2 * L);
      FloatVector a3 = start(bias, o + 3 * L);
      for (int j = 0, row = o; j < cols; j++, row += rowsP) {
        FloatVector s = FloatVector.broadcast(S, in[j]);
        a0 = FloatVector.fromArray(S, wt, row).fma(s, a0);
        a1 = FloatVector.fromArray(S, wt, row + L).fma(s, a1);
        a2 = FloatVector.fromArray(S, wt, row + 2 * L).fma(s, a2);
        a3 = FloatVector.fromArray(S, wt, row + 3 * L).fma(s, a3);
      }
      a0.intoArray(out, o);
      a1.intoArray(out, o + L);
      a2.intoArray(out, o + 2 * L);
      a3.intoArray(out, o + 3 * L);
    }
    for (; o < rowsP; o += L) {
      // two chains over even and odd inputs, summed at the end
      FloatVector a0 = start(bias, o);
      FloatVector a1 = FloatVector.zero(S);
      int j = 0;
      for (int row = o; j + 1 < cols; j += 2, row += 2 * rowsP) {
        a0 = FloatVector.fromArray(S, wt, row).fma(FloatVector.broadcast(S, in[j]), a0);
        a1 = FloatVector.fromArray(S, wt, row + rowsP).fma(FloatVector.broadcast(S, in[j + 1]), a1);
      }
      if (j < cols)
        a0 = FloatVector.fromArray(S, wt, j * rowsP + o).fma(FloatVector.broadcast(S, in[j]), a0);
      a0.add(a1).intoArray(out, o);
    }
  }

  private static FloatVector start(float[] bias, int o) {
    return bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, o);
  }

  private static FloatVector silu(FloatVector x) {
    return x.div(x.neg().lanewise(VectorOperators.EXP).add(1f));
  }

  private static FloatVector softplus(FloatVector x) {
    FloatVector soft = x.lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P);
    return soft.blend(x, x.compare(VectorOperators.GT, 20f));
  }
}
