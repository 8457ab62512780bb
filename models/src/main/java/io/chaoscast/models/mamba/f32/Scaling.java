package io.chaoscast.models.mamba.f32;

import io.chaoscast.models.metrics.Standardisation;

/**
 * How a Mamba model maps each context to its working scale, and each forecast back: z = (x - mean)
 * / sd per channel.
 *
 * <ul>
 *   <li>training ({@code perContext} false): mean and SD of the training data, the same for every
 *       context.
 *   <li>per context ({@code perContext} true): reversible instance normalisation (RevIN, Kim et al.
 *       2022, ICLR, eq. 1 and 3, without the learnable affine): each context's own per-channel mean
 *       and sqrt(variance + {@link #REVIN_EPSILON}), so one model serves systems of different
 *       amplitude and offset; the forecast is mapped back with the same statistics.
 * </ul>
 *
 * DJL ({@code MambaForecaster}), the Java engine and the CUDA engine (through {@link FlatBatch})
 * all call {@link #of}, so the three agree.
 *
 * @param mean training per-channel mean (used when not per context)
 * @param std training per-channel SD (used when not per context)
 * @param perContext RevIN instead of the training statistics
 */
public record Scaling(double[] mean, double[] std, boolean perContext) {

  /** RevIN's epsilon (Kim et al. 2022, the reference code's default). */
  public static final double REVIN_EPSILON = 1e-5;

  /** Manifest / f32-index names of the two modes. */
  public static final String TRAINING = "training";

  public static final String PER_CONTEXT = "per_context";

  public Scaling {
    if (mean.length != std.length) throw new IllegalArgumentException("mean and SD lengths");
    mean = mean.clone();
    std = std.clone();
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] std() {
    return std.clone();
  }

  public String mode() {
    return perContext ? PER_CONTEXT : TRAINING;
  }

  /** {@code TRAINING} or {@code PER_CONTEXT}; anything else fails with the accepted names. */
  public static boolean perContext(String mode) {
    if (mode == null || mode.equals(TRAINING)) return false;
    if (mode.equals(PER_CONTEXT)) return true;
    throw new IllegalArgumentException(
        "unknown normalisation '" + mode + "' (" + TRAINING + ", " + PER_CONTEXT + ")");
  }

  /**
   * The standardisation to apply to {@code context} ({@code [L][d]}, or its first {@code length}
   * rows) and to invert on its forecast: the training values, or the context's own statistics.
   */
  public Standardisation of(double[][] context, int length) {
    if (!perContext) return new Standardisation(mean, std);
    int d = mean.length;
    double[] m = new double[d];
    double[] s = new double[d];
    for (int t = 0; t < length; t++) for (int c = 0; c < d; c++) m[c] += context[t][c];
    for (int c = 0; c < d; c++) m[c] /= length;
    for (int t = 0; t < length; t++) {
      for (int c = 0; c < d; c++) s[c] += (context[t][c] - m[c]) * (context[t][c] - m[c]);
    }
    for (int c = 0; c < d; c++) s[c] = Math.sqrt(s[c] / length + REVIN_EPSILON);
    return new Standardisation(m, s);
  }
}
