package io.chaoscast.models.drift;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * How surprising the newest observations are to the one-step forecast, in the spirit of HTM's
 * anomaly likelihood (Ahmad, Lavin, Purdy and Agha 2017): each sample's forecast error e_t enters a
 * short window of S samples and, unless the caller holds learning back, a long-run distribution
 * (exponentially weighted mean mu and variance sigma^2 with weight max(1/L, 1/n) for the n-th
 * value, so that the first L values give their plain mean and population variance). The surprise of
 * a sample is z = (mean of the short window - mu) / sigma, taken against the distribution before
 * the sample joins it; its tail probability is Q(z) = P(Z > z) for a standard normal Z. Values that
 * join the long run are first clipped to mu + 3 sigma, so that one spike cannot teach the
 * distribution to accept the next.
 *
 * <p>Chaotic streams have bursts of error that recur (Rossler's excursions in z): their short means
 * are far in the Gaussian tail and yet ordinary. So a block is surprising only when its largest
 * short mean also exceeds the largest one learned so far by a factor ({@link #beyondPeak}): the
 * peak is the running maximum of the short means while learning, decaying towards mu by 1/(8 L) per
 * sample, compared as it stood at the end of the previous block (the block's own samples must not
 * raise the bar they are judged by). State: S + 8 numbers.
 */
final class ForecastSurprise {

  /** The "detector" an ANOMALY alert names. */
  static final String NAME = "anomaly_likelihood";

  /**
   * Long windows over which the learned peak decays by 1/e: Rossler's largest bursts come thousands
   * of samples apart, and a peak that forgot them within one long window let each raise an alert
   * (held-out run 1, docs/drift.md).
   */
  static final int PEAK_MEMORY = 8;

  /** Largest z that can be reported; Q(40) is below the smallest double. */
  static final double MAX_Z = 38;

  private final int longSamples;
  private final double[] shortWindow;
  private int shortCount;
  private int shortNext;
  private double shortSum;
  private long n;
  private double mean;
  private double variance;
  private double peak = Double.NEGATIVE_INFINITY;
  private double blockPeak = Double.NEGATIVE_INFINITY;
  private double blockMaxMean = Double.NEGATIVE_INFINITY;

  ForecastSurprise(int shortSamples, int longSamples) {
    this.shortWindow = new double[shortSamples];
    this.longSamples = longSamples;
  }

  /**
   * Adds one log forecast error; returns its surprise z, or NaN while the short window is not full
   * or the long run has fewer than two short windows of values.
   *
   * @param learn whether e joins the long-run distribution (false while an alert is open)
   */
  double observe(double e, boolean learn) {
    if (shortCount == shortWindow.length) shortSum -= shortWindow[shortNext];
    else shortCount++;
    shortWindow[shortNext] = e;
    shortSum += e;
    shortNext = (shortNext + 1) % shortWindow.length;
    double z = Double.NaN;
    boolean full = shortCount == shortWindow.length;
    double shortMean = shortSum / shortCount;
    if (full && n >= 2L * shortWindow.length) {
      double sd = Math.sqrt(Math.max(variance, 1e-12));
      z = Math.min(MAX_Z, (shortMean - mean) / sd);
      blockMaxMean = Math.max(blockMaxMean, shortMean);
    }
    if (learn) {
      double x = n < 2 ? e : Math.min(e, mean + 3 * Math.sqrt(variance));
      n++;
      double alpha = Math.max(1.0 / longSamples, 1.0 / n);
      double delta = x - mean;
      mean += alpha * delta;
      variance = (1 - alpha) * (variance + alpha * delta * delta);
      if (full) {
        double decayed = mean + (1 - 1.0 / (PEAK_MEMORY * longSamples)) * (peak - mean);
        peak = Double.isInfinite(peak) ? shortMean : Math.max(shortMean, decayed);
      }
    }
    return z;
  }

  /**
   * Ends a block: whether its largest short-window mean exceeded mu by at least {@code factor}
   * times the learned peak's excess over mu (as the peak stood after the previous block; a scale of
   * sigma at least); then the peak is taken for the next block.
   */
  boolean beyondPeak(double factor) {
    double bar = Math.max(blockPeak - mean, Math.sqrt(Math.max(variance, 1e-12)));
    boolean beyond = blockMaxMean - mean >= factor * bar;
    blockPeak = peak;
    blockMaxMean = Double.NEGATIVE_INFINITY;
    return beyond;
  }

  /**
   * Empties the short window (after a gap in the stream its values no longer follow each other).
   */
  void restart() {
    shortCount = 0;
    shortNext = 0;
    shortSum = 0;
  }

  /** The long-run mean mu of the log error. */
  double mean() {
    return mean;
  }

  /** -log10 Q(z): 5 means a one-in-100,000 surprise; NaN for NaN. */
  static double log10Surprise(double z) {
    return -Math.log10(Math.max(NormalTail.upper(z), Double.MIN_NORMAL));
  }

  /** Q(z), the tail probability of a surprise z. */
  static double tailProbability(double z) {
    return NormalTail.upper(z);
  }

  void writeState(DataOutput out) throws IOException {
    out.writeInt(shortCount);
    out.writeInt(shortNext);
    StateIO.writeDoubles(out, shortWindow, shortWindow.length);
    out.writeDouble(shortSum);
    out.writeLong(n);
    out.writeDouble(mean);
    out.writeDouble(variance);
    out.writeDouble(peak);
    out.writeDouble(blockPeak);
    out.writeDouble(blockMaxMean);
  }

  void readState(DataInput in) throws IOException {
    shortCount = StateIO.length(in, shortWindow.length, "surprise window count");
    shortNext = StateIO.length(in, shortWindow.length - 1L, "surprise window position");
    for (int i = 0; i < shortWindow.length; i++) shortWindow[i] = in.readDouble();
    shortSum = in.readDouble(); // written, not re-added: a restore continues bit for bit
    n = in.readLong();
    if (n < 0) throw new IOException("drift monitor state: negative surprise count " + n);
    mean = in.readDouble();
    variance = in.readDouble();
    peak = in.readDouble();
    blockPeak = in.readDouble();
    blockMaxMean = in.readDouble();
  }
}
