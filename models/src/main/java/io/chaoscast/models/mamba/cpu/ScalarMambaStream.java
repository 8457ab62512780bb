package io.chaoscast.models.mamba.cpu;

import io.chaoscast.models.mamba.f32.MambaDims;
import io.chaoscast.models.mamba.f32.ParameterLayout;
import java.util.Arrays;

/**
 * The reference step: plain scalar loops over the packed parameters ({@link ParameterLayout}), one
 * {@code Math.exp} per state element per token. Runs on every JVM; {@link VectorMambaStream} must
 * agree with it to float rounding.
 */
final class ScalarMambaStream extends MambaStream {

  private final ParameterLayout at;
  private final float[] p;
  private final int dm;
  private final int e;
  private final int n;
  private final int k;
  private final int r;
  private final float[] x;
  private final float[] nrm;
  private final float[] xz;
  private final float[] v;
  private final float[] xdbl;
  private final float[] g;
  private final float[][] conv;
  private final float[][] ssm;

  ScalarMambaStream(MambaDims dims, float[] packed) {
    super(dims);
    at = new ParameterLayout(dims);
    p = packed;
    dm = dims.modelDim();
    e = dims.innerDim();
    n = dims.stateDim();
    k = dims.convWidth();
    r = dims.dtRank();
    x = new float[dm];
    nrm = new float[dm];
    xz = new float[2 * e];
    v = new float[e];
    xdbl = new float[dims.xProjDim()];
    g = new float[e];
    conv = new float[dims.layers()][(k - 1) * e];
    ssm = new float[dims.layers()][e * n];
  }

  @Override
  void reset() {
    for (float[] c : conv) Arrays.fill(c, 0f);
    for (float[] s : ssm) Arrays.fill(s, 0f);
  }

  @Override
  void step(int patchAt) {
    int td = d.tokenDim();
    linear(p, at.embedWeight(), at.embedBias(), tok, td, x, dm);
    for (int l = 0; l < d.layers(); l++) {
      rmsNorm(x, p, at.norm(l), nrm);
      linear(p, at.inProj(l), -1, nrm, dm, xz, 2 * e);
      // causal depthwise conv over the last K inputs u_{t-K+1..t}, then SiLU (Gu and Dao 2023, Fig.
      // 3)
      float[] cs = conv[l];
      int cw = at.convWeight(l);
      int cb = at.convBias(l);
      for (int i = 0; i < e; i++) {
        float u = xz[i];
        float c = p[cb + i];
        for (int q = 0; q < k - 1; q++) c += p[cw + q * e + i] * cs[q * e + i];
        c += p[cw + (k - 1) * e + i] * u;
        for (int q = 0; q < k - 2; q++) cs[q * e + i] = cs[(q + 1) * e + i];
        if (k > 1) cs[(k - 2) * e + i] = u;
        v[i] = silu(c);
      }
      // selection (Algorithm 2, lines 3-5): (dt_in, B, C) = x_proj(v); Delta =
      // softplus(dt_proj(dt_in))
      linear(p, at.xProj(l), -1, v, e, xdbl, d.xProjDim());
      float[] h = ssm[l];
      int dtw = at.dtWeight(l);
      int dtb = at.dtBias(l);
      int a = at.a(l);
      int ds = at.dSkip(l);
      for (int i = 0; i < e; i++) {
        float dt = p[dtb + i];
        for (int q = 0; q < r; q++) dt += p[dtw + i * r + q] * xdbl[q];
        float delta = softplus(dt);
        float y = 0f;
        for (int q = 0; q < n; q++) {
          // ZOH (eq. 4) for diagonal A: A_bar = exp(Delta A), B_bar = (A_bar - 1) / A * B
          float an = p[a + i * n + q];
          float aBar = (float) Math.exp(delta * an);
          float bBar = (aBar - 1f) / an * xdbl[r + q];
          float hn = aBar * h[i * n + q] + bBar * v[i]; // eq. 2a
          h[i * n + q] = hn;
          y += hn * xdbl[r + n + q]; // eq. 2b: y = C h
        }
        y += p[ds + i] * v[i];
        g[i] = y * silu(xz[e + i]); // gate with SiLU(z)
      }
      int ow = at.outProj(l);
      for (int j = 0; j < dm; j++) {
        float s = 0f;
        for (int i = 0; i < e; i++) s += p[ow + j * e + i] * g[i];
        x[j] += s; // residual
      }
    }
    if (patchAt < 0) return;
    rmsNorm(x, p, at.finalNorm(), nrm);
    int pd = d.patchDim();
    int hw = at.headWeight();
    int hb = at.headBias();
    int last = d.lastSampleOffset();
    int ch = d.channels();
    for (int i = 0; i < pd; i++) {
      float s = p[hb + i];
      for (int j = 0; j < dm; j++) s += p[hw + i * dm + j] * nrm[j];
      hist[patchAt + i] = d.residualOutput() ? s + tok[last + i % ch] : s;
    }
  }

  /** out = W in (+ b): W at {@code w} is {@code [rows, cols]}; {@code b < 0} means no bias. */
  private static void linear(float[] p, int w, int b, float[] in, int cols, float[] out, int rows) {
    for (int i = 0; i < rows; i++) {
      float s = b >= 0 ? p[b + i] : 0f;
      int row = w + i * cols;
      for (int j = 0; j < cols; j++) s += p[row + j] * in[j];
      out[i] = s;
    }
  }

  /** RMSNorm (Zhang and Sennrich 2019): x / sqrt(mean(x^2) + eps) * g. */
  private static void rmsNorm(float[] x, float[] p, int gain, float[] out) {
    float ss = 0f;
    for (float xi : x) ss += xi * xi;
    float rms = (float) Math.sqrt(ss / x.length + RMS_EPSILON);
    for (int j = 0; j < x.length; j++) out[j] = x[j] / rms * p[gain + j];
  }

  static float silu(float x) {
    return x / (1f + (float) Math.exp(-x));
  }

  static float softplus(float x) {
    return x > 20f ? x : (float) Math.log1p(Math.exp(x));
  }
}
