package io.chaoscast.models.drift;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Page-Hinkley test (Page 1954, "Continuous inspection schemes", Biometrika 41:100), two-sided, in
 * the parameterisation of River's {@code PageHinkley} (min_instances = 30, delta = 0.005, threshold
 * = 50, alpha = 1 - 0.0001).
 *
 * <p>With xbar_T the running mean of x_1..x_T:
 *
 * <pre>
 * U_T = alpha U_{T-1} + (x_T - xbar_T - delta)     L_T = alpha L_{T-1} + (x_T - xbar_T + delta)
 * PH_up = U_T - min_{t<=T} U_t                     PH_down = max_{t<=T} L_t - L_T
 * </pre>
 *
 * A change is signalled when T >= min_instances and max(PH_up, PH_down) > threshold; all state is
 * then reset. alpha = 1 gives Page's original cumulative sum.
 */
public final class PageHinkley implements DriftDetector {

  private static final long serialVersionUID = 1L;

  public static final int DEFAULT_MIN_INSTANCES = 30;
  public static final double DEFAULT_DELTA = 0.005;
  public static final double DEFAULT_THRESHOLD = 50.0;
  public static final double DEFAULT_ALPHA = 1.0 - 0.0001;

  private final int minInstances;
  private final double delta;
  private final double threshold;
  private final double alpha;

  private long n;
  private double mean;
  private double up;
  private double upMin;
  private double down;
  private double downMax;

  public PageHinkley(int minInstances, double delta, double threshold, double alpha) {
    if (minInstances < 1 || delta < 0 || !(threshold > 0) || !(alpha > 0 && alpha <= 1)) {
      throw new IllegalArgumentException("need min_instances >= 1, delta >= 0, threshold > 0");
    }
    this.minInstances = minInstances;
    this.delta = delta;
    this.threshold = threshold;
    this.alpha = alpha;
    reset();
  }

  /** River's defaults. */
  public static PageHinkley withDefaults() {
    return new PageHinkley(DEFAULT_MIN_INSTANCES, DEFAULT_DELTA, DEFAULT_THRESHOLD, DEFAULT_ALPHA);
  }

  private void reset() {
    n = 0;
    mean = 0;
    up = 0;
    down = 0;
    upMin = Double.POSITIVE_INFINITY;
    downMax = Double.NEGATIVE_INFINITY;
  }

  @Override
  public String name() {
    return "page_hinkley";
  }

  @Override
  public boolean update(double x) {
    n++;
    mean += (x - mean) / n;
    double dev = x - mean;
    up = alpha * up + (dev - delta);
    down = alpha * down + (dev + delta);
    upMin = Math.min(upMin, up);
    downMax = Math.max(downMax, down);
    if (n >= minInstances && statistic() > threshold) {
      reset();
      return true;
    }
    return false;
  }

  /** max(PH_up, PH_down); 0 before the first value. */
  @Override
  public double statistic() {
    if (n == 0) return 0;
    return Math.max(up - upMin, downMax - down);
  }

  /** The running state (not the settings), for {@link StreamMonitorState}. */
  void writeState(DataOutput out) throws IOException {
    out.writeLong(n);
    out.writeDouble(mean);
    out.writeDouble(up);
    out.writeDouble(upMin);
    out.writeDouble(down);
    out.writeDouble(downMax);
  }

  void readState(DataInput in) throws IOException {
    n = in.readLong();
    mean = in.readDouble();
    up = in.readDouble();
    upMin = in.readDouble();
    down = in.readDouble();
    downMax = in.readDouble();
  }

  @Override
  public DriftDetector copyEmpty() {
    return new PageHinkley(minInstances, delta, threshold, alpha);
  }
}
