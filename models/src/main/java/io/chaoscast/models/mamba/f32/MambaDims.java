package io.chaoscast.models.mamba.f32;

/**
 * Architecture of a Mamba forecaster without DJL: tokenisation (d channels, delay tau, dimension m,
 * patch P) and network size (model dimension D, layers, expand, state N, conv width K, dt rank R).
 * Inner width E = expand D (Gu and Dao 2023, Sec. 3.4). With {@code residualOutput} the decoded
 * patch is an increment on the token's last sample z_t (see {@code MambaConfig}).
 */
public record MambaDims(
    int channels,
    int delay,
    int dimension,
    int patch,
    int modelDim,
    int layers,
    int expand,
    int stateDim,
    int convWidth,
    int dtRank,
    boolean residualOutput) {

  public MambaDims {
    if (channels < 1
        || delay < 1
        || dimension < 1
        || patch < 1
        || modelDim < 1
        || layers < 1
        || expand < 1
        || stateDim < 1
        || convWidth < 1
        || dtRank < 1) {
      throw new IllegalArgumentException("every Mamba dimension must be >= 1");
    }
  }

  /** Mamba's default dt rank: ceil(D / 16). */
  public static int defaultDtRank(int modelDim) {
    return Math.max(1, (modelDim + 15) / 16);
  }

  public int innerDim() {
    return expand * modelDim;
  }

  /** P m d values per token. */
  public int tokenDim() {
    return patch * dimension * channels;
  }

  /** P d values per predicted patch. */
  public int patchDim() {
    return patch * channels;
  }

  /** R + 2N outputs of x_proj. */
  public int xProjDim() {
    return dtRank + 2 * stateDim;
  }

  /** (m - 1) tau samples of history before a token's first sample. */
  public int lookback() {
    return (dimension - 1) * delay;
  }

  /** Offset in a token of its last sample z_t: the last delay vector starts at (P - 1) m d. */
  public int lastSampleOffset() {
    return (patch - 1) * dimension * channels;
  }

  public int minContextLength() {
    return lookback() + patch;
  }

  /** Whole tokens in a window of {@code length} samples. */
  public int tokensIn(int length) {
    return Math.max(0, (length - lookback()) / patch);
  }
}
