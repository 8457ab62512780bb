package io.chaoscast.models.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The Mamba-1 mixer: a selective state-space model (Gu and Dao 2023, Algorithm 2 and Fig. 3).
 *
 * <p>For input x_t in R^D: (u, z) = in_proj(x) in R^E x R^E (E = expand D); u <- SiLU(causal
 * depthwise conv_K(u)); the selection mechanism makes Delta, B and C functions of the input
 * (Algorithm 2, lines 3-5): B_t = s_B(u_t) in R^N, C_t = s_C(u_t) in R^N, Delta_t =
 * softplus(dt_proj(s_Delta(u_t))) in R^E with a rank-R bottleneck; A = -exp(A_log) is diagonal (E x
 * N, S4D-Real initialisation A_en = -(n + 1)). Zero-order-hold discretisation (eq. 4): A_bar =
 * exp(Delta A), B_bar = (Delta A)^-1 (exp(Delta A) - I) Delta B, which for diagonal A is (exp(Delta
 * A) - 1) / A * B elementwise. Recurrence (eq. 2a-2b): h_t = A_bar_t h_{t-1} + B_bar_t u_t, y_t =
 * C_t h_t + D u_t. Output: out_proj(y * SiLU(z)).
 *
 * <p>{@link #forwardInternal} scans a whole sequence; {@link #prefill} does the same and also
 * returns the final {@link SsmState}; {@link #step} advances one token from a state. The three
 * agree to float rounding, which is what makes O(L + H) streaming inference exact.
 *
 * <p>The discretised tensors and states are laid out N before E ({@code [..., N, E]}, A stored as
 * {@code [E, N]} and transposed): every broadcast then runs along the contiguous E axis and the
 * sums over N in C h and in the backward pass add rows of E values, where the {@code [..., E, N]}
 * layout reduced runs of N = 4 values; a training epoch runs 1.22x faster
 * (docs/bench/trainer-speed.txt).
 */
public final class SelectiveSsm extends AbstractBlock {

  private static final byte VERSION = 1;

  private final int modelDim;
  private final int innerDim;
  private final int stateDim;
  private final int convWidth;
  private final int dtRank;

  private final Linear inProj;
  private final Linear xProj;
  private final Linear dtProj;
  private final Linear outProj;
  private final Parameter convWeight;
  private final Parameter convBias;
  private final Parameter aLog;
  private final Parameter dSkip;

  private SelectiveSsm(Builder b) {
    super(VERSION);
    modelDim = b.modelDim;
    innerDim = b.expand * b.modelDim;
    stateDim = b.stateDim;
    convWidth = b.convWidth;
    dtRank = b.dtRank > 0 ? b.dtRank : Math.max(1, (modelDim + 15) / 16); // ceil(D/16), as Mamba
    inProj =
        addChildBlock("in_proj", Linear.builder().setUnits(2L * innerDim).optBias(false).build());
    xProj =
        addChildBlock(
            "x_proj", Linear.builder().setUnits(dtRank + 2L * stateDim).optBias(false).build());
    dtProj = addChildBlock("dt_proj", Linear.builder().setUnits(innerDim).build());
    outProj = addChildBlock("out_proj", Linear.builder().setUnits(modelDim).optBias(false).build());
    // Mamba's dt initialisation: softplus(bias) log-uniform in [1e-3, 1e-1].
    dtProj.setInitializer(
        (m, shape, type) -> {
          NDArray dt =
              m.randomUniform(0f, 1f, shape, type)
                  .mul(Math.log(0.1) - Math.log(0.001))
                  .add(Math.log(0.001))
                  .exp();
          return dt.exp().sub(1).log(); // inverse softplus
        },
        Parameter.Type.BIAS);
    float bound = (float) (1 / Math.sqrt(convWidth));
    convWeight =
        addParameter(
            Parameter.builder()
                .setName("conv_weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(convWidth, innerDim))
                .optInitializer((m, shape, type) -> m.randomUniform(-bound, bound, shape, type))
                .build());
    convBias =
        addParameter(
            Parameter.builder()
                .setName("conv_bias")
                .setType(Parameter.Type.BIAS)
                .optShape(new Shape(innerDim))
                .build());
    aLog =
        addParameter(
            Parameter.builder()
                .setName("a_log")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(innerDim, stateDim))
                .optInitializer( // S4D-Real: A_en = -(n + 1)
                    (m, shape, type) ->
                        // a contiguous copy: an expanded (broadcast) view cannot be updated in
                        // place
                        m.ones(shape, type)
                            .mul(m.arange(1f, stateDim + 1f).log().toType(type, false)))
                .build());
    dSkip =
        addParameter(
            Parameter.builder()
                .setName("d")
                .setType(Parameter.Type.GAMMA)
                .optShape(new Shape(innerDim))
                .build());
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(prefill(ps, inputs.singletonOrThrow(), training).output());
  }

  /** Sequence output with the state after the last token. */
  public record Prefill(NDArray output, SsmState state) {}

  /**
   * Scans a whole sequence {@code x: [B, T, D]} from a zero state: returns {@code [B, T, D]} and
   * the final state.
   */
  public Prefill prefill(ParameterStore ps, NDArray x, boolean training) {
    long batch = x.getShape().get(0);
    int t = (int) x.getShape().get(1);
    NDArray xz = linear(ps, inProj, x, training);
    NDArray u = xz.get(new NDIndex("..., :{}", innerDim));
    NDArray z = xz.get(new NDIndex("..., {}:", innerDim));
    // causal depthwise convolution over time: c_t = b + sum_k w_k u_{t-K+1+k}
    NDArray w = param(ps, convWeight, x, training);
    NDArray padded =
        NDArrays.concat(
            new NDList(
                x.getManager().zeros(new Shape(batch, convWidth - 1, innerDim), x.getDataType()),
                u),
            1);
    NDArray conv = null;
    for (int k = 0; k < convWidth; k++) {
      NDArray term = padded.get(new NDIndex(":, {}:{}", k, k + t)).mul(owned(w.get(k), x));
      conv = conv == null ? term : conv.add(term);
    }
    conv = conv.add(param(ps, convBias, x, training));
    NDArray convState = padded.get(new NDIndex(":, {}:", t));
    NDArray v = silu(conv);
    Selection s = select(ps, v, training); // A_bar and B_bar u of every token at once
    Scan scan = scan(s.aBar, s.bBarU);
    NDArray hs = scan.states();
    NDArray h = scan.last();
    NDArray y = readOut(hs, s.c).add(v.mul(param(ps, dSkip, x, training)));
    NDArray out = linear(ps, outProj, y.mul(silu(z)), training);
    return new Prefill(out, new SsmState(convState, h));
  }

  /** Every token's SSM state {@code [B, T, N, E]} and the last one's {@code [B, N, E]}. */
  record Scan(NDArray states, NDArray last) {}

  /**
   * The sequential scan (eq. 2a) from a zero state, h_t = A_bar_t h_{t-1} + B_bar_t u_t, over
   * {@code [B, 1, N, E]} slices that one split per operand yields: indexing token t out of the
   * whole tensor instead (as the first version did) costs, in the backward pass, a zero-filled
   * gradient of the whole {@code [B, T, N, E]} tensor per token, most of a training step's time.
   * The same products and sums in the same order, so the same states and gradients.
   */
  static Scan scan(NDArray aBar, NDArray bBarU) {
    int t = (int) aBar.getShape().get(1);
    NDList a = aBar.split(t, 1);
    NDList bu = bBarU.split(t, 1);
    NDArray h = aBar.getManager().zeros(a.get(0).getShape(), aBar.getDataType());
    NDList states = new NDList(t);
    for (int i = 0; i < t; i++) {
      h = a.get(i).mul(h).add(bu.get(i));
      states.add(h);
    }
    return new Scan(NDArrays.concat(states, 1), h.squeeze(1));
  }

  /** Output of one step and the state after it. */
  public record Step(NDArray output, SsmState state) {}

  /** One token {@code x: [B, D]} from {@code state}: O(E N) work, independent of the history. */
  public Step step(ParameterStore ps, NDArray x, SsmState state, boolean training) {
    NDArray xz = linear(ps, inProj, x, training);
    NDArray u = xz.get(new NDIndex("..., :{}", innerDim));
    NDArray z = xz.get(new NDIndex("..., {}:", innerDim));
    NDArray window = NDArrays.concat(new NDList(state.conv(), u.expandDims(1)), 1); // [B, K, E]
    NDArray w = param(ps, convWeight, x, training);
    NDArray conv = null;
    for (int k = 0; k < convWidth; k++) {
      NDArray term = window.get(new NDIndex(":, {}", k)).mul(owned(w.get(k), x));
      conv = conv == null ? term : conv.add(term);
    }
    conv = conv.add(param(ps, convBias, x, training));
    NDArray v = silu(conv);
    Selection s = select(ps, v, training);
    NDArray h = s.aBar.mul(state.ssm()).add(s.bBarU);
    NDArray y = readOut(h, s.c).add(v.mul(param(ps, dSkip, x, training)));
    NDArray out = linear(ps, outProj, y.mul(silu(z)), training);
    return new Step(out, new SsmState(window.get(new NDIndex(":, 1:")), h));
  }

  /** Zero state for a batch. */
  public SsmState zeroState(NDManager manager, long batch) {
    return new SsmState(
        manager.zeros(new Shape(batch, convWidth - 1, innerDim)),
        manager.zeros(new Shape(batch, stateDim, innerDim)));
  }

  private record Selection(NDArray aBar, NDArray bBarU, NDArray c) {}

  /**
   * Selection and ZOH discretisation for inputs v of shape {@code [..., E]}: returns A_bar and
   * B_bar v of shape {@code [..., N, E]} and C of shape {@code [..., N]}.
   */
  private Selection select(ParameterStore ps, NDArray v, boolean training) {
    NDArray xdbl = linear(ps, xProj, v, training);
    NDArray dtIn = xdbl.get(new NDIndex("..., :{}", dtRank));
    NDArray b = xdbl.get(new NDIndex("..., {}:{}", dtRank, dtRank + stateDim));
    NDArray c = xdbl.get(new NDIndex("..., {}:", dtRank + stateDim));
    NDArray delta = Activation.softPlus(linear(ps, dtProj, dtIn, training)); // [..., E]
    // A^T: [N, E], strictly negative
    NDArray a = owned(param(ps, aLog, v, training).exp(), v).neg().transpose();
    NDArray deltaA = delta.expandDims(-2).mul(a); // [..., N, E]
    NDArray aBar = deltaA.exp();
    // ZOH for B with diagonal A: (exp(Delta A) - 1) / A * B, times v
    NDArray bv = b.expandDims(-1).mul(v.expandDims(-2)); // [..., N, E]
    return new Selection(aBar, aBar.sub(1).div(a).mul(bv), c);
  }

  /**
   * y = C h, summed over N: states {@code [..., N, E]} and C {@code [..., N]} give {@code [...,
   * E]}.
   */
  private static NDArray readOut(NDArray states, NDArray c) {
    return states.mul(c.expandDims(-1)).sum(new int[] {-2});
  }

  /**
   * Moves a result computed from a parameter (whose manager lives as long as the model) to the
   * manager of the activations, so that per-call scopes release it.
   */
  private static NDArray owned(NDArray fromParameter, NDArray activation) {
    fromParameter.attach(activation.getManager());
    return fromParameter;
  }

  private static NDArray silu(NDArray x) {
    return x.mul(Activation.sigmoid(x));
  }

  private static NDArray linear(ParameterStore ps, Linear l, NDArray x, boolean training) {
    return l.forward(ps, new NDList(x), training).singletonOrThrow();
  }

  private static NDArray param(ParameterStore ps, Parameter p, NDArray like, boolean training) {
    return ps.getValue(p, like.getDevice(), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    inProj.initialize(manager, dataType, new Shape(1, modelDim));
    xProj.initialize(manager, dataType, new Shape(1, innerDim));
    dtProj.initialize(manager, dataType, new Shape(1, dtRank));
    outProj.initialize(manager, dataType, new Shape(1, innerDim));
  }

  /**
   * {@code setModelDim} is required; expand 2, state 16, conv width 4 and dt rank ceil(D/16) by
   * default.
   */
  public static final class Builder {
    private int modelDim;
    private int expand = 2;
    private int stateDim = 16;
    private int convWidth = 4;
    private int dtRank = -1;

    public Builder setModelDim(int d) {
      modelDim = d;
      return this;
    }

    public Builder optExpand(int e) {
      expand = e;
      return this;
    }

    public Builder optStateDim(int n) {
      stateDim = n;
      return this;
    }

    public Builder optConvWidth(int k) {
      convWidth = k;
      return this;
    }

    public Builder optDtRank(int r) {
      dtRank = r;
      return this;
    }

    public SelectiveSsm build() {
      if (modelDim < 1 || expand < 1 || stateDim < 1 || convWidth < 1) {
        throw new IllegalArgumentException(
            "model dimension, expand, state and conv width must be >= 1");
      }
      return new SelectiveSsm(this);
    }
  }
}
