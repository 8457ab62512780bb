package io.chaoscast.models.embedding;

import java.util.Optional;

/**
 * Per-stream delay embedding for streaming use: keeps the last {@code capacity} samples of a
 * d-channel stream in a ring buffer, estimates (tau, m) once {@code warmup} samples have arrived
 * (unless parameters are configured), optionally re-estimates every {@code reestimateEvery} samples
 * on the buffer's contents, and exposes the newest delay vector.
 *
 * <p>Mutable and single-threaded by design: one instance per stream key. Estimation costs O(W log
 * W) for a window of W samples (k-d tree searches); with W = 10^4 it takes a few hundred
 * milliseconds, so re-estimate rarely.
 */
public final class IncrementalEmbedder {

  private final int channels;
  private final double[][] ring;
  private final int warmup;
  private final long reestimateEvery;
  private final int mMax;
  private long count;
  private long lastEstimate = -1;
  private EmbeddingParameters parameters;

  /**
   * @param channels channels per sample
   * @param capacity ring buffer length L (at least {@code warmup})
   * @param warmup samples needed before the first estimate
   * @param reestimateEvery samples between re-estimates; 0 for never
   * @param configured fixed parameters, or null to estimate
   */
  public IncrementalEmbedder(
      int channels,
      int capacity,
      int warmup,
      long reestimateEvery,
      EmbeddingParameters configured) {
    if (capacity < warmup) throw new IllegalArgumentException("capacity must be >= warmup");
    this.channels = channels;
    this.ring = new double[capacity][channels];
    this.warmup = warmup;
    this.reestimateEvery = reestimateEvery;
    this.mMax = 6;
    this.parameters = configured;
  }

  /** Appends one sample (length = channels); estimates parameters when due. */
  public void push(double[] sample) {
    if (sample.length != channels) throw new IllegalArgumentException("wrong channel count");
    System.arraycopy(sample, 0, ring[(int) (count % ring.length)], 0, channels);
    count++;
    boolean due =
        parameters == null
            ? count >= warmup
            : lastEstimate >= 0 && reestimateEvery > 0 && count - lastEstimate >= reestimateEvery;
    if (due) {
      parameters = EmbeddingEstimator.estimate(channelMajorWindow(), mMax);
      lastEstimate = count;
    }
  }

  /** Samples received so far. */
  public long count() {
    return count;
  }

  /** Current parameters, once configured or estimated. */
  public Optional<EmbeddingParameters> parameters() {
    return Optional.ofNullable(parameters);
  }

  /**
   * The delay vector ending at the newest sample: for each channel c, (x_c[t - (m-1) tau_c], ...,
   * x_c[t]), oldest first; empty until parameters exist and enough samples are buffered.
   */
  public Optional<double[]> latest() {
    if (parameters == null) return Optional.empty();
    int[] tau = parameters.tau();
    int m = parameters.dimension();
    if (parameters.span() > Math.min(count, ring.length)) return Optional.empty();
    double[] v = new double[channels * m];
    int k = 0;
    for (int c = 0; c < channels; c++) {
      for (int j = m - 1; j >= 0; j--) {
        long t = count - 1 - (long) j * tau[c];
        v[k++] = ring[(int) (t % ring.length)][c];
      }
    }
    return Optional.of(v);
  }

  /** The buffered samples in time order, time-major {@code [t][c]}. */
  public double[][] window() {
    int n = (int) Math.min(count, ring.length);
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) out[i] = ring[(int) ((count - n + i) % ring.length)].clone();
    return out;
  }

  private double[][] channelMajorWindow() {
    return DelayEmbedding.channels(window());
  }
}
