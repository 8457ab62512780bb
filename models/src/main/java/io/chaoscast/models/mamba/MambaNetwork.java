package io.chaoscast.models.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The forecasting network: token embedding (a linear map of a flattened delay-embedded patch, as
 * PhyxMamba's patch embedding), a residual stack of {@code layers} Mamba blocks x <- x +
 * SelectiveSsm(RMSNorm(x)) (Gu and Dao 2023, Sec. 3.4: the Mamba block with pre-norm residual), a
 * final RMSNorm and a linear decoder to the next patch of observations.
 *
 * <p>Input {@code [B, T, tokenDim]}, output {@code [B, T, patchDim]}: output t predicts the patch
 * that follows token t. {@link #prefill} and {@link #step} expose the recurrent form.
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
    NDArray x = linear(ps, embed, inputs.singletonOrThrow(), training);
    for (int i = 0; i < mixers.size(); i++) {
      x = x.add(mixers.get(i).prefill(ps, norms.get(i).apply(ps, x, training), training).output());
    }
    return new NDList(linear(ps, head, finalNorm.apply(ps, x, training), training));
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
    return new Prefill(linear(ps, head, finalNorm.apply(ps, x, training), training), states);
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
    return new Step(linear(ps, head, finalNorm.apply(ps, x, training), training), next);
  }

  private static NDArray linear(ParameterStore ps, Linear l, NDArray x, boolean training) {
    return l.forward(ps, new NDList(x), training).singletonOrThrow();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    return new Shape[] {in.slice(0, in.dimension() - 1).add(patchDim)};
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
  }

  /**
   * {@code setTokenDim} and {@code setPatchDim} are required; defaults: model dimension 32, 2
   * layers, expand 2, state 16, conv width 4.
   */
  public static final class Builder {
    private int tokenDim;
    private int patchDim;
    private int modelDim = 32;
    private int layers = 2;
    private int expand = 2;
    private int stateDim = 16;
    private int convWidth = 4;

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

    public MambaNetwork build() {
      if (tokenDim < 1 || patchDim < 1 || modelDim < 1 || layers < 1) {
        throw new IllegalArgumentException(
            "token, patch and model dimensions and layers must be >= 1");
      }
      return new MambaNetwork(this);
    }
  }
}
