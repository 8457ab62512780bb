package io.chaoscast.models.mamba.f32;

/**
 * Offsets (in floats) of each tensor inside {@link MambaWeights#packed()}: the canonical order of
 * {@link MambaWeights#tensorShapes}. The CUDA kernels compute the same offsets from the dimensions
 * (mamba.cu, {@code layout_*}), so the two must change together.
 */
public final class ParameterLayout {

  private final MambaDims d;

  public ParameterLayout(MambaDims dims) {
    this.d = dims;
  }

  public int embedWeight() {
    return 0;
  }

  public int embedBias() {
    return d.modelDim() * d.tokenDim();
  }

  /** Floats of one layer's tensors. */
  public int layerSize() {
    int dm = d.modelDim(), e = d.innerDim();
    return dm
        + 2 * e * dm
        + d.convWidth() * e
        + e
        + d.xProjDim() * e
        + e * d.dtRank()
        + e
        + e * d.stateDim()
        + e
        + dm * e;
  }

  public int layer(int l) {
    return embedBias() + d.modelDim() + l * layerSize();
  }

  public int norm(int l) {
    return layer(l);
  }

  public int inProj(int l) {
    return norm(l) + d.modelDim();
  }

  public int convWeight(int l) {
    return inProj(l) + 2 * d.innerDim() * d.modelDim();
  }

  public int convBias(int l) {
    return convWeight(l) + d.convWidth() * d.innerDim();
  }

  public int xProj(int l) {
    return convBias(l) + d.innerDim();
  }

  public int dtWeight(int l) {
    return xProj(l) + d.xProjDim() * d.innerDim();
  }

  public int dtBias(int l) {
    return dtWeight(l) + d.innerDim() * d.dtRank();
  }

  /** A = -exp(a_log), {@code [E, N]}. */
  public int a(int l) {
    return dtBias(l) + d.innerDim();
  }

  public int dSkip(int l) {
    return a(l) + d.innerDim() * d.stateDim();
  }

  public int outProj(int l) {
    return dSkip(l) + d.innerDim();
  }

  public int finalNorm() {
    return layer(d.layers());
  }

  public int headWeight() {
    return finalNorm() + d.modelDim();
  }

  public int headBias() {
    return headWeight() + d.patchDim() * d.modelDim();
  }

  public int total() {
    return headBias() + d.patchDim();
  }
}
