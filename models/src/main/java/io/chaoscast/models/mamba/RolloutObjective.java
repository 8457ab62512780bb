package io.chaoscast.models.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.chaoscast.models.mamba.f32.NvarResidual;
import java.util.List;
import java.util.SplittableRandom;

/**
 * PhyxMamba's stage-2 objective (Liu et al. 2025, Sec. 3.3) on one batch of windows of a
 * standardised series: the context tokens are scanned once (teacher forcing, whose next-patch MSE
 * is kept), then K patches are rolled out in recurrent mode with the model's own patches fed back
 * as the next tokens, gradients flowing through the whole rollout. The loss is
 *
 * <pre>
 *   MSE(context next patches) + MSE(rollout) + w_u MMD^2(pooled predicted, pooled true states)
 *                                          + w_c mean_b MMD^2(predicted_b, true_b)
 * </pre>
 *
 * the unconditional term matching the attractor's invariant measure over the batch, the conditional
 * one each origin's own stretch of it ({@link AttractorMmd}).
 */
final class RolloutObjective {

  /**
   * @param rolloutPatches K, patches rolled out per window
   * @param unconditionalWeight w_u
   * @param conditionalWeight w_c
   * @param alpha rational-quadratic kernel's alpha
   * @param lengthScale its l, in standardised units
   */
  record Weights(
      int rolloutPatches,
      double unconditionalWeight,
      double conditionalWeight,
      double alpha,
      double lengthScale) {}

  private final MambaNetwork net;
  private final PatchTokens tok;
  private final int contextTokens;
  private final NvarResidual residual;
  private final Weights w;

  /**
   * @param residual the NVAR base the network's patches are residuals of, or null: teacher-forced
   *     targets become residuals, and each rolled-out patch is the base's run (from the samples
   *     before it, as constants: no gradient flows through the base) plus r times the decoded one
   */
  RolloutObjective(
      MambaNetwork net, PatchTokens tok, int contextTokens, NvarResidual residual, Weights w) {
    this.net = net;
    this.tok = tok;
    this.contextTokens = contextTokens;
    this.residual = residual;
    this.w = w;
  }

  /** Samples from the first context sample to the last context sample. */
  int span() {
    return tok.lookback() + contextTokens * tok.patch();
  }

  /** Samples after the context that the rollout is scored on. */
  int future() {
    return w.rolloutPatches() * tok.patch();
  }

  /**
   * The loss of {@code batch} random windows ({@link Windows}, each followed by the K patches the
   * rollout is scored on), built in {@code m} with gradients through {@code ps}.
   */
  NDArray loss(NDManager m, ParameterStore ps, Windows windows, int batch, SplittableRandom rng) {
    int p = tok.patch();
    int d = tok.channels();
    int f = tok.tokenDim();
    int pd = tok.patchDim();
    int span = span();
    int future = future();
    float[] x = new float[batch * contextTokens * f];
    float[] yTf = new float[batch * contextTokens * pd];
    float[] hist = new float[batch * span * d];
    float[] yRoll = new float[batch * future * d];
    int e = windows.lastContextSample();
    for (int b = 0; b < batch; b++) {
      double[][] z = windows.next(rng, future);
      for (int k = 0; k < contextTokens; k++) {
        int end = e - (contextTokens - 1 - k) * p;
        tok.token(z, end, x, (b * contextTokens + k) * f);
        tok.target(z, end, yTf, (b * contextTokens + k) * pd);
        if (residual != null) residual.toResidual(z, end, yTf, (b * contextTokens + k) * pd);
      }
      for (int t = 0; t < span; t++) {
        for (int c = 0; c < d; c++) hist[(b * span + t) * d + c] = (float) z[e - span + 1 + t][c];
      }
      for (int t = 0; t < future; t++) {
        for (int c = 0; c < d; c++) yRoll[(b * future + t) * d + c] = (float) z[e + 1 + t][c];
      }
    }
    NDArray tokens = m.create(x, new Shape(batch, contextTokens, f));
    MambaNetwork.Prefill pre = net.prefill(ps, tokens, true);
    NDArray teacherForced =
        pre.output().sub(m.create(yTf, new Shape(batch, contextTokens, pd))).square().mean();
    NDArray history = m.create(hist, new Shape(batch, span, d));
    NDArray out = pre.output().get(new NDIndex(":, -1, :"));
    List<SsmState> states = pre.states();
    NDList patches = new NDList(w.rolloutPatches());
    int end = span - 1;
    for (int k = 0; k < w.rolloutPatches(); k++) {
      NDArray patch = out.reshape(batch, p, d);
      if (residual != null) patch = withBase(m, history, end, patch);
      patches.add(patch);
      if (k == w.rolloutPatches() - 1) break;
      history = NDArrays.concat(new NDList(history, patch), 1);
      end += p;
      MambaNetwork.Step st = net.step(ps, token(history, end), states, true);
      out = st.output();
      states = st.states();
    }
    NDArray predicted = NDArrays.concat(patches, 1); // [B, K P, d]
    NDArray truth = m.create(yRoll, new Shape(batch, future, d));
    NDArray rollout = predicted.sub(truth).square().mean();
    NDArray unconditional =
        AttractorMmd.squared(
                predicted.reshape(1, batch * future, d),
                truth.reshape(1, batch * future, d),
                w.alpha(),
                w.lengthScale())
            .mean();
    NDArray conditional = AttractorMmd.squared(predicted, truth, w.alpha(), w.lengthScale()).mean();
    return teacherForced
        .add(rollout)
        .add(unconditional.mul((float) w.unconditionalWeight()))
        .add(conditional.mul((float) w.conditionalWeight()));
  }

  /** base + r * decoded, the base run from each history's samples up to {@code end}. */
  private NDArray withBase(NDManager m, NDArray history, int end, NDArray decoded) {
    int batch = (int) history.getShape().get(0);
    int d = tok.channels();
    int p = tok.patch();
    int lookback = residual.lookback();
    float[] recent =
        history.get(new NDIndex(":, {}:{}, :", end - lookback + 1, end + 1)).toFloatArray();
    float[] base = new float[batch * p * d];
    float[] scale = new float[p * d];
    for (int i = 0; i < scale.length; i++) scale[i] = (float) residual.scale(i);
    for (int b = 0; b < batch; b++) {
      double[][] window = new double[lookback][d];
      for (int t = 0; t < lookback; t++) {
        for (int c = 0; c < d; c++) window[t][c] = recent[(b * lookback + t) * d + c];
      }
      double[][] z = residual.base(window);
      for (int q = 0; q < p; q++) {
        for (int c = 0; c < d; c++) base[(b * p + q) * d + c] = (float) z[q][c];
      }
    }
    return m.create(base, new Shape(batch, p, d))
        .add(decoded.mul(m.create(scale, new Shape(1, p, d))));
  }

  /**
   * The token ending at {@code end} of a history {@code [B, S, d]} that mixes observations and fed
   * back predictions, in {@link PatchTokens#token}'s order (patch position, delay, channel), so
   * that gradients reach the predictions it contains.
   */
  private NDArray token(NDArray history, int end) {
    NDList parts = new NDList(tok.patch() * tok.dimension());
    for (int q = 0; q < tok.patch(); q++) {
      int t = end - tok.patch() + 1 + q;
      for (int j = 0; j < tok.dimension(); j++) {
        parts.add(history.get(new NDIndex(":, {}, :", t - j * tok.delay())));
      }
    }
    return NDArrays.concat(parts, 1);
  }
}
