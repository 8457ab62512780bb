package io.chaoscast.models.mamba;

/**
 * Tokens from delay-embedded patches, as in PhyxMamba (Liu et al. 2025): each time t of the
 * standardised series is replaced by its delay vector e_t = (z_t, z_{t-tau}, ..., z_{t-(m-1)tau})
 * (Takens 1981; d m values), and a token is the patch of P consecutive delay vectors ending at t,
 * flattened (P m d values). The token ending at t is paired with the next patch of observations
 * z_{t+1}, ..., z_{t+P} (P d values), the decoder's target.
 *
 * <p>Tokens do not overlap: in a window whose last sample is t_last, they end at t_last, t_last -
 * P, ...; the first token needs (m - 1) tau + P samples.
 *
 * @param channels d
 * @param delay tau in samples
 * @param dimension m
 * @param patch P
 */
public record PatchTokens(int channels, int delay, int dimension, int patch) {

  public PatchTokens {
    if (channels < 1 || delay < 1 || dimension < 1 || patch < 1) {
      throw new IllegalArgumentException("channels, delay, dimension and patch must be >= 1");
    }
  }

  public int tokenDim() {
    return patch * dimension * channels;
  }

  public int patchDim() {
    return patch * channels;
  }

  /** Samples of history needed before the first sample of the first token's patch. */
  public int lookback() {
    return (dimension - 1) * delay;
  }

  /** Number of whole tokens a window of {@code length} samples holds. */
  public int tokensIn(int length) {
    return Math.max(0, (length - lookback()) / patch);
  }

  /** Writes the token ending at sample {@code end} of z into {@code out[offset..]}. */
  public void token(double[][] z, int end, float[] out, int offset) {
    int d = channels;
    int o = offset;
    for (int p = 0; p < patch; p++) {
      int t = end - patch + 1 + p;
      for (int j = 0; j < dimension; j++) {
        double[] row = z[t - j * delay];
        for (int c = 0; c < d; c++) out[o++] = (float) row[c];
      }
    }
  }

  /** Writes the target patch z_{end+1..end+P} into {@code out[offset..]}. */
  public void target(double[][] z, int end, float[] out, int offset) {
    int o = offset;
    for (int p = 1; p <= patch; p++) {
      for (int c = 0; c < channels; c++) out[o++] = (float) z[end + p][c];
    }
  }
}
