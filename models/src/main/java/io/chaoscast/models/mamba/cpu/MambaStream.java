package io.chaoscast.models.mamba.cpu;

import io.chaoscast.models.mamba.f32.MambaDims;
import io.chaoscast.models.mamba.f32.NvarResidual;

/**
 * One forecast stream's recurrence: tokenises the context and the predicted patches and runs each
 * token through the network ({@link #step}), which a subclass computes with its own scratch buffers
 * and state (so one instance per worker thread, never shared). All arithmetic is float32, as in the
 * DJL model and the CUDA kernels.
 */
abstract class MambaStream {

  static final float RMS_EPSILON = 1e-5f;

  final MambaDims d;
  final float[] tok;
  float[] hist = new float[0];
  private NvarResidual residual;

  MambaStream(MambaDims dims) {
    d = dims;
    tok = new float[dims.tokenDim()];
  }

  /** Decoded patches are residuals of this NVAR base (null: they are the samples). */
  MambaStream withResidual(NvarResidual r) {
    residual = r;
    return this;
  }

  /** Zeroes every layer's conv and SSM state before a new context. */
  abstract void reset();

  /**
   * One token ({@link #tok}) through the network; writes the decoded patch at {@code
   * hist[patchAt..]} if {@code patchAt >= 0}.
   */
  abstract void step(int patchAt);

  /**
   * Forecasts one stream: {@code ctx[ctxOff ..]} holds L standardised samples ({@code [L][d]}), and
   * {@code out[outOff ..]} receives H standardised samples.
   */
  void forecast(float[] ctx, int ctxOff, int length, int horizon, float[] out, int outOff) {
    int ch = d.channels();
    int patch = d.patch();
    int steps = (horizon + patch - 1) / patch;
    int total = (length + steps * patch) * ch;
    if (hist.length < total) hist = new float[total];
    System.arraycopy(ctx, ctxOff, hist, 0, length * ch);
    reset();
    int tokens = d.tokensIn(length);
    int first = length - 1 - (tokens - 1) * patch;
    // context pass: the selective scan over the context tokens from the zero state
    for (int t = 0; t < tokens; t++) {
      token(first + t * patch);
      step(t == tokens - 1 ? length * ch : -1);
    }
    int end = length - 1;
    if (residual != null) residual.applyInPlace(hist, end);
    // recurrent rollout: each predicted patch becomes the next token
    for (int s = 1; s < steps; s++) {
      end += patch;
      token(end);
      step((end + 1) * ch);
      if (residual != null) residual.applyInPlace(hist, end);
    }
    System.arraycopy(hist, length * ch, out, outOff, horizon * ch);
  }

  /** The token ending at sample {@code end}: P delay vectors (z_t, z_{t-tau}, ...) flattened. */
  private void token(int end) {
    int ch = d.channels();
    int o = 0;
    for (int q = 0; q < d.patch(); q++) {
      int t = end - d.patch() + 1 + q;
      for (int j = 0; j < d.dimension(); j++) {
        int row = (t - j * d.delay()) * ch;
        for (int c = 0; c < ch; c++) tok[o++] = hist[row + c];
      }
    }
  }
}
