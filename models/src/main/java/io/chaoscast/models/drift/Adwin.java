package io.chaoscast.models.drift;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * ADWIN2 (Bifet and Gavalda 2007, "Learning from time-changing data with adaptive windowing", SDM
 * 2007) with River's {@code ADWIN} defaults: delta = 0.002, clock = 32, max_buckets = 5,
 * min_window_length = 5, grace_period = 10.
 *
 * <p>The window W is kept as an exponential histogram: buckets of 2^i values (count, sum and sum of
 * squared deviations), at most max_buckets of each size (the two oldest of a size are merged when
 * there are more). Every clock values, and once grace_period values have been seen, every split of
 * W at a bucket boundary into an older W0 (n0 values) and a newer W1 (n1 values), both at least
 * min_window_length long, is tested; the window drops its oldest bucket while some split has
 *
 * <pre>
 * |mean(W0) - mean(W1)| > eps_cut,  eps_cut = sqrt((2/m) var(W) ln(2/delta')) + (2/(3m)) ln(2/delta')
 * m = 1 / (1/n0 + 1/n1),   delta' = delta / ln(n),   n = n0 + n1
 * </pre>
 *
 * (the variance-based bound of the paper's section 4). A change is signalled when the window
 * shrank.
 */
public final class Adwin implements DriftDetector {

  private static final long serialVersionUID = 1L;

  public static final double DEFAULT_DELTA = 0.002;
  public static final int DEFAULT_CLOCK = 32;
  public static final int DEFAULT_MAX_BUCKETS = 5;
  public static final int DEFAULT_MIN_WINDOW_LENGTH = 5;
  public static final int DEFAULT_GRACE_PERIOD = 10;

  private final double delta;
  private final int clock;
  private final int maxBuckets;
  private final int minWindowLength;
  private final int gracePeriod;

  /** Oldest first; counts are non-increasing from oldest to newest. */
  private final List<Bucket> buckets = new ArrayList<>();

  private long seen;
  private double lastCut;

  private static final class Bucket implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    long count;
    double sum;
    double m2;

    Bucket(long count, double sum, double m2) {
      this.count = count;
      this.sum = sum;
      this.m2 = m2;
    }

    double mean() {
      return sum / count;
    }

    /** Merges the next newer bucket of the same size into this one. */
    void absorb(Bucket b) {
      long n = count + b.count;
      double d = mean() - b.mean();
      m2 = m2 + b.m2 + d * d * count * b.count / n;
      sum = sum + b.sum;
      count = n;
    }
  }

  public Adwin(double delta, int clock, int maxBuckets, int minWindowLength, int gracePeriod) {
    if (!(delta > 0 && delta < 1) || clock < 1 || maxBuckets < 2 || minWindowLength < 1) {
      throw new IllegalArgumentException("need 0 < delta < 1, clock >= 1, max_buckets >= 2");
    }
    this.delta = delta;
    this.clock = clock;
    this.maxBuckets = maxBuckets;
    this.minWindowLength = minWindowLength;
    this.gracePeriod = gracePeriod;
  }

  /** River's defaults. */
  public static Adwin withDefaults() {
    return new Adwin(
        DEFAULT_DELTA,
        DEFAULT_CLOCK,
        DEFAULT_MAX_BUCKETS,
        DEFAULT_MIN_WINDOW_LENGTH,
        DEFAULT_GRACE_PERIOD);
  }

  @Override
  public String name() {
    return "adwin";
  }

  /** Number of values in the current window. */
  public long width() {
    long w = 0;
    for (Bucket b : buckets) w += b.count;
    return w;
  }

  /** Mean of the current window (NaN when empty). */
  public double mean() {
    long w = 0;
    double s = 0;
    for (Bucket b : buckets) {
      w += b.count;
      s += b.sum;
    }
    return w == 0 ? Double.NaN : s / w;
  }

  /** Number of buckets held (bounded by max_buckets + 1 per size). */
  public int bucketCount() {
    return buckets.size();
  }

  @Override
  public boolean update(double x) {
    seen++;
    buckets.add(new Bucket(1, x, 0));
    compress();
    if (seen < gracePeriod || seen % clock != 0) return false;
    boolean shrank = false;
    while (cutOldest()) shrank = true;
    return shrank;
  }

  /** |mean(W0) - mean(W1)| of the last split that triggered a cut (0 if none yet). */
  @Override
  public double statistic() {
    return lastCut;
  }

  /** eps_cut of the class comment. */
  public static double cutThreshold(long n0, long n1, double variance, double delta) {
    double n = n0 + n1;
    double deltaPrime = delta / Math.log(n);
    double lg = Math.log(2.0 / deltaPrime);
    double m = 1.0 / (1.0 / n0 + 1.0 / n1);
    return Math.sqrt(2.0 / m * variance * lg) + 2.0 / (3.0 * m) * lg;
  }

  /**
   * Restores the bound of max_buckets per size after one new bucket of size 1. Every group was
   * within it before, so only the newest group can exceed it, and each merge adds one bucket to the
   * next group only: the first group found within the bound ends the cascade (a walk over all
   * groups per value was ADWIN's largest cost in the drift monitor).
   */
  private void compress() {
    // Buckets of one size are contiguous; walk sizes from the newest (smallest) end.
    int end = buckets.size();
    while (end > 0) {
      long size = buckets.get(end - 1).count;
      int start = end - 1;
      while (start > 0 && buckets.get(start - 1).count == size) start--;
      if (end - start <= maxBuckets) return;
      buckets.get(start).absorb(buckets.remove(start + 1));
      // the merged bucket has twice the size: it now ends the next group
      end = start + 1;
    }
  }

  /** Tests all splits; drops the oldest bucket and returns true if one exceeds eps_cut. */
  private boolean cutOldest() {
    if (buckets.size() < 2) return false;
    long n = 0;
    double sum = 0;
    for (Bucket b : buckets) {
      n += b.count;
      sum += b.sum;
    }
    double mean = sum / n;
    double m2 = 0;
    for (Bucket b : buckets) {
      double d = b.mean() - mean;
      m2 += b.m2 + d * d * b.count;
    }
    double variance = m2 / n;
    long n0 = 0;
    double s0 = 0;
    for (int i = 0; i < buckets.size() - 1; i++) {
      n0 += buckets.get(i).count;
      s0 += buckets.get(i).sum;
      long n1 = n - n0;
      if (n0 < minWindowLength || n1 < minWindowLength) continue;
      double diff = Math.abs(s0 / n0 - (sum - s0) / n1);
      if (diff > cutThreshold(n0, n1, variance, delta)) {
        lastCut = diff;
        buckets.remove(0);
        return true;
      }
    }
    return false;
  }

  /** The histogram and counters (not the settings), for {@link StreamMonitorState}. */
  void writeState(DataOutput out) throws IOException {
    out.writeLong(seen);
    out.writeDouble(lastCut);
    out.writeInt(buckets.size());
    for (Bucket b : buckets) {
      out.writeLong(b.count);
      out.writeDouble(b.sum);
      out.writeDouble(b.m2);
    }
  }

  void readState(DataInput in) throws IOException {
    seen = in.readLong();
    lastCut = in.readDouble();
    // at most max_buckets + 1 buckets of each of the 63 power-of-two sizes a long count can take
    int n = StateIO.length(in, 64L * (maxBuckets + 1), "ADWIN bucket count");
    buckets.clear();
    for (int i = 0; i < n; i++)
      buckets.add(new Bucket(in.readLong(), in.readDouble(), in.readDouble()));
  }

  @Override
  public DriftDetector copyEmpty() {
    return new Adwin(delta, clock, maxBuckets, minWindowLength, gracePeriod);
  }
}
