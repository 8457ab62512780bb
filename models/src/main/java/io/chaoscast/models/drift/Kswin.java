package io.chaoscast.models.drift;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * KSWIN (Raab, Heusinger and Schleif 2020, "Reactive soft prototype computing for concept drift
 * streams", Neurocomputing 416:340) with River's {@code KSWIN} defaults: alpha = 0.005, window_size
 * = 100, stat_size = 30.
 *
 * <p>A sliding window Psi of the last n = window_size values. Once Psi is full, R is its last r =
 * stat_size values and W is r values drawn uniformly without replacement from the older n - r; the
 * two-sample Kolmogorov-Smirnov statistic D = sup_x |F_R(x) - F_W(x)| is compared with the paper's
 * bound: a change is signalled when D > sqrt(-ln(alpha) / r), and Psi is then reduced to R. The
 * draw uses a SplitMix64 generator whose state is part of this object, so a seed gives a
 * reproducible detector.
 */
public final class Kswin implements DriftDetector {

  private static final long serialVersionUID = 1L;

  public static final double DEFAULT_ALPHA = 0.005;
  public static final int DEFAULT_WINDOW_SIZE = 100;
  public static final int DEFAULT_STAT_SIZE = 30;

  private final double alpha;
  private final int windowSize;
  private final int statSize;
  private final long seed;
  private final double[] window;
  private int size;
  private long rng;
  private double lastStatistic;

  // Scratch for one test (R, the draw of W, the pool's indices): reused, so that an update
  // allocates nothing; not part of the detector's state.
  private transient double[] recent;
  private transient double[] older;
  private transient int[] pool;

  public Kswin(double alpha, int windowSize, int statSize, long seed) {
    if (!(alpha > 0 && alpha < 1) || statSize < 1 || windowSize < 2 * statSize) {
      throw new IllegalArgumentException("need 0 < alpha < 1 and window_size >= 2 stat_size");
    }
    this.alpha = alpha;
    this.windowSize = windowSize;
    this.statSize = statSize;
    this.seed = seed;
    this.window = new double[windowSize];
    this.rng = seed;
  }

  /** River's defaults with the given seed. */
  public static Kswin withDefaults(long seed) {
    return new Kswin(DEFAULT_ALPHA, DEFAULT_WINDOW_SIZE, DEFAULT_STAT_SIZE, seed);
  }

  @Override
  public String name() {
    return "kswin";
  }

  /** The paper's critical value sqrt(-ln(alpha) / r). */
  public double criticalValue() {
    return Math.sqrt(-Math.log(alpha) / statSize);
  }

  @Override
  public boolean update(double x) {
    if (size == windowSize) {
      System.arraycopy(window, 1, window, 0, windowSize - 1);
      size--;
    }
    window[size++] = x;
    if (size < windowSize) return false;
    if (recent == null) {
      recent = new double[statSize];
      older = new double[statSize];
      pool = new int[windowSize - statSize];
    }
    System.arraycopy(window, windowSize - statSize, recent, 0, statSize);
    sampleOlder(older);
    lastStatistic = sortedKsStatistic(sortInPlace(recent), sortInPlace(older));
    if (lastStatistic > criticalValue()) {
      // Psi becomes R in time order (the scratch copy of R is sorted by now).
      System.arraycopy(window, windowSize - statSize, window, 0, statSize);
      size = statSize;
      return true;
    }
    return false;
  }

  /** D of the last test (0 before the window first filled). */
  @Override
  public double statistic() {
    return lastStatistic;
  }

  /** r values without replacement from window[0 .. n - r) into out (partial Fisher-Yates). */
  private void sampleOlder(double[] out) {
    int[] idx = pool;
    for (int i = 0; i < idx.length; i++) idx[i] = i;
    for (int i = 0; i < statSize; i++) {
      int j = i + (int) Math.floorMod(nextLong(), (long) (idx.length - i));
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
      out[i] = window[idx[i]];
    }
  }

  /** SplitMix64 (Steele, Lea and Flood 2014). */
  private long nextLong() {
    long z = (rng += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Two-sample Kolmogorov-Smirnov statistic sup_x |F_a(x) - F_b(x)| of the empirical CDFs. */
  public static double ksStatistic(double[] a, double[] b) {
    return sortedKsStatistic(sortInPlace(a.clone()), sortInPlace(b.clone()));
  }

  private static double[] sortInPlace(double[] x) {
    Arrays.sort(x);
    return x;
  }

  /** {@link #ksStatistic} of two arrays already in ascending order. */
  private static double sortedKsStatistic(double[] x, double[] y) {
    int i = 0;
    int j = 0;
    double d = 0;
    while (i < x.length && j < y.length) {
      double v = Math.min(x[i], y[j]);
      while (i < x.length && x[i] <= v) i++;
      while (j < y.length && y[j] <= v) j++;
      d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
    }
    return d;
  }

  /**
   * The window, draw state and last statistic (not the settings), for {@link StreamMonitorState}.
   */
  void writeState(DataOutput out) throws IOException {
    out.writeInt(size);
    StateIO.writeDoubles(out, window, size);
    out.writeLong(rng);
    out.writeDouble(lastStatistic);
  }

  void readState(DataInput in) throws IOException {
    size = StateIO.length(in, windowSize, "KSWIN window length");
    for (int i = 0; i < size; i++) window[i] = in.readDouble();
    rng = in.readLong();
    lastStatistic = in.readDouble();
  }

  @Override
  public DriftDetector copyEmpty() {
    return new Kswin(alpha, windowSize, statSize, seed);
  }
}
