package io.chaoscast.models.mamba;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * Root-mean-square layer normalisation (Zhang and Sennrich 2019, eq. 4): y = x / sqrt(mean(x^2) +
 * eps) * g over the last axis, with a learned gain g initialised to 1. Used before every Mamba
 * mixer and before the decoder, as in the reference Mamba implementation.
 */
public final class RmsNorm extends AbstractBlock {

  private static final byte VERSION = 1;

  private final int dimension;
  private final float epsilon;
  private final Parameter gain;

  private RmsNorm(Builder b) {
    super(VERSION);
    this.dimension = b.dimension;
    this.epsilon = b.epsilon;
    this.gain =
        addParameter(
            Parameter.builder()
                .setName("gain")
                .setType(Parameter.Type.GAMMA)
                .optShape(new Shape(dimension))
                .optInitializer(Initializer.ONES)
                .build());
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    return new NDList(apply(x, ps.getValue(gain, x.getDevice(), training)));
  }

  NDArray apply(ParameterStore ps, NDArray x, boolean training) {
    return apply(x, ps.getValue(gain, x.getDevice(), training));
  }

  private NDArray apply(NDArray x, NDArray g) {
    NDArray rms = x.square().mean(new int[] {-1}, true).add(epsilon).sqrt();
    return x.div(rms).mul(g);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(
      ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {}

  /** {@code setDimension} is required; epsilon defaults to 1e-5. */
  public static final class Builder {
    private int dimension;
    private float epsilon = 1e-5f;

    public Builder setDimension(int d) {
      this.dimension = d;
      return this;
    }

    public Builder optEpsilon(float eps) {
      this.epsilon = eps;
      return this;
    }

    public RmsNorm build() {
      if (dimension < 1) throw new IllegalArgumentException("dimension must be set");
      return new RmsNorm(this);
    }
  }
}
