package io.chaoscast.models.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The forecasting network: token embedding (a linear map of a flattened delay-embedded patch, as
 * PhyxMamba's patch embedding), a residual stack of {@code layers} Mamba blocks x <- x +
 * SelectiveSsm(RMSNorm(x)) (Gu and Dao 2023, Sec. 3.4: the Mamba block with pre-norm residual), a
 * final RMSNorm and a linear decoder to the next patch of observations.
 *
 * <p>Input {@code [B, T, tokenDim]}, output {@code [B, T, patchDim]}: output t predicts the patch
 * that follows token t. {@link #prefill} and {@link #step} expose the recurrent form. With a
 * residual output the decoder's patch is an increment on the token's last sample; with {@code k >
 * 1} prediction heads, {@link #forward} returns k outputs, head j predicting the (j+1)-th patch
 * ahead (multi-token prediction, a training signal only: the recurrent form decodes with head 0).
 */
public final class MambaNetwork extends AbstractBlock {

  private static final byte VERSION = 1;

  private final int tokenDim;
  private final int patchDim;
  private final int modelDim;
  private final Linear embed;
  private final List<RmsNorm> norms = new ArrayList<>();
  private final List<SelectiveSsm> mixers = new ArrayList<>();
  private final RmsNorm finalNorm;
  private final Linear head;
  private final List<Linear> extraHeads = new ArrayList<>();
  private final PatchTokens residual;

  private MambaNetwork(Builder b) {
    super(VERSION);
    tokenDim = b.tokenDim;
    patchDim = b.patchDim;
    modelDim = b.modelDim;
    embed = addChildBlock("embed", Linear.builder().setUnits(modelDim).build());
    for (int i = 0; i < b.layers; i++) {
      norms.add(addChildBlock("norm_" + i, RmsNorm.builder().setDimension(modelDim).build()));
      mixers.add(
          addChildBlock(
              "mixer_" + i,
              SelectiveSsm.builder()
                  .setModelDim(modelDim)
                  .optExpand(b.expand)
                  .optStateDim(b.stateDim)
                  .optConvWidth(b.convWidth)
                  .build()));
    }
    finalNorm = addChildBlock("norm_f", RmsNorm.builder().setDimension(modelDim).build());
    head = addChildBlock("head", Linear.builder().setUnits(patchDim).build());
    for (int j = 1; j < b.predictionHeads; j++) {
      extraHeads.add(addChildBlock("mtp_" + j, Linear.builder().setUnits(patchDim).build()));
    }
    residual = b.residual;
  }

  public static Builder builder() {
    return new Builder();
  }

  public int layers() {
    return mixers.size();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray tokens = inputs.singletonOrThrow();
    NDArray h = hidden(ps, tokens, training);
    NDList out = new NDList(decode(ps, head, h, tokens, training));
    for (Linear extra : extraHeads) out.add(decode(ps, extra, h, tokens, training));
    return out;
  }

  /**
   * The final normalised hidden state of every token {@code [B, T, modelDim]}: what the decoder
   * heads read.
   */
  NDArray hidden(ParameterStore ps, NDArray tokens, boolean training) {
    NDArray x = linear(ps, embed, tokens, training);
    for (int i = 0; i < mixers.size(); i++) {
      x = x.add(mixers.get(i).prefill(ps, norms.get(i).apply(ps, x, training), training).output());
    }
    return finalNorm.apply(ps, x, training);
  }

  /** The next-patch decoder (head 0), the one the recurrent form decodes with. */
  Linear head() {
    return head;
  }

  /** A head's patch, plus the token's last sample repeated P times for a residual output. */
  private NDArray decode(
      ParameterStore ps, Linear l, NDArray hidden, NDArray tokens, boolean training) {
    NDArray y = linear(ps, l, hidden, training);
    if (residual == null) return y;
    // the token's last delay vector starts at (P - 1) m d; its first d values are z_t
    long from = (long) (residual.patch() - 1) * residual.dimension() * residual.channels();
    NDArray last = tokens.get(new NDIndex("..., {}:{}", from, from + residual.channels()));
    long[] repeats = new long[last.getShape().dimension()];
    Arrays.fill(repeats, 1);
    repeats[repeats.length - 1] = residual.patch();
    return y.add(last.tile(repeats));
  }

  /** Output of a whole sequence and the per-layer states after it. */
  public record Prefill(NDArray output, List<SsmState> states) {}

  /** Runs {@code tokens [B, T, tokenDim]} once and keeps each layer's final state. */
  public Prefill prefill(ParameterStore ps, NDArray tokens, boolean training) {
    NDArray x = linear(ps, embed, tokens, training);
    List<SsmState> states = new ArrayList<>();
    for (int i = 0; i < mixers.size(); i++) {
      SelectiveSsm.Prefill p =
          mixers.get(i).prefill(ps, norms.get(i).apply(ps, x, training), training);
      x = x.add(p.output());
      states.add(p.state());
    }
    return new Prefill(
        decode(ps, head, finalNorm.apply(ps, x, training), tokens, training), states);
  }

  /** Output of one token and the states after it. */
  public record Step(NDArray output, List<SsmState> states) {}

  /** One token {@code [B, tokenDim]} from the per-layer states. */
  public Step step(ParameterStore ps, NDArray token, List<SsmState> states, boolean training) {
    NDArray x = linear(ps, embed, token, training);
    List<SsmState> next = new ArrayList<>();
    for (int i = 0; i < mixers.size(); i++) {
      SelectiveSsm.Step s =
          mixers.get(i).step(ps, norms.get(i).apply(ps, x, training), states.get(i), training);
      x = x.add(s.output());
      next.add(s.state());
    }
    return new Step(decode(ps, head, finalNorm.apply(ps, x, training), token, training), next);
  }

  private static NDArray linear(ParameterStore ps, Linear l, NDArray x, boolean training) {
    return l.forward(ps, new NDList(x), training).singletonOrThrow();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    Shape[] out = new Shape[1 + extraHeads.size()];
    Arrays.fill(out, in.slice(0, in.dimension() - 1).add(patchDim));
    return out;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    embed.initialize(manager, dataType, new Shape(1, tokenDim));
    Shape hidden = new Shape(1, 1, modelDim);
    for (int i = 0; i < mixers.size(); i++) {
      norms.get(i).initialize(manager, dataType, hidden);
      mixers.get(i).initialize(manager, dataType, hidden);
    }
    finalNorm.initialize(manager, dataType, hidden);
    head.initialize(manager, dataType, new Shape(1, modelDim));
    for (Linear extra : extraHeads) extra.initialize(manager, dataType, new Shape(1, modelDim));
  }

  /**
   * {@code setTokenDim} and {@code setPatchDim} are required; defaults: model dimension 32, 2
   * layers, expand 2, state 16, conv width 4, absolute output, one prediction head.
   */
  public static final class Builder {
    private int tokenDim;
    private int patchDim;
    private int modelDim = 32;
    private int layers = 2;
    private int expand = 2;
    private int stateDim = 16;
    private int convWidth = 4;
    private PatchTokens residual;
    private int predictionHeads = 1;

    public Builder setTokenDim(int v) {
      tokenDim = v;
      return this;
    }

    public Builder setPatchDim(int v) {
      patchDim = v;
      return this;
    }

    public Builder optModelDim(int v) {
      modelDim = v;
      return this;
    }

    public Builder optLayers(int v) {
      layers = v;
      return this;
    }

    public Builder optExpand(int v) {
      expand = v;
      return this;
    }

    public Builder optStateDim(int v) {
      stateDim = v;
      return this;
    }

    public Builder optConvWidth(int v) {
      convWidth = v;
      return this;
    }

    /** Decode increments on the last sample of tokens shaped by {@code tokens}; null: off. */
    public Builder optResidualOutput(PatchTokens tokens) {
      residual = tokens;
      return this;
    }

    public Builder optPredictionHeads(int v) {
      predictionHeads = v;
      return this;
    }

    public MambaNetwork build() {
      if (residual != null
          && (residual.tokenDim() != tokenDim || residual.patchDim() != patchDim)) {
        throw new IllegalArgumentException("residual tokens do not match the token and patch dims");
      }
      if (predictionHeads < 1) throw new IllegalArgumentException("prediction heads must be >= 1");
      if (tokenDim < 1 || patchDim < 1 || modelDim < 1 || layers < 1) {
        throw new IllegalArgumentException(
            "token, patch and model dimensions and layers must be >= 1");
      }
      return new MambaNetwork(this);
    }
  }
}
