package io.chaoscast.jobs.skill;

/**
 * A stream's running per-channel mean and variance (a POJO for Flink state): cumulative over the
 * first {@link #MEMORY} samples, then exponentially weighted with weight 1/MEMORY (West 1979's
 * weighted incremental update), so the scale follows slow drift but not single samples.
 */
public class RunningScale {

  public static final int MEMORY = 1000;

  public double[] mean;
  public double[] variance;
  public long count;

  /**
   * Event time of the newest sample in the scale: SkillFunction adds samples in time order, each
   * once. State written before this field existed restores with "none yet", so the samples it still
   * holds count twice, once.
   */
  public long scaledThroughMillis = Long.MIN_VALUE;

  public RunningScale() {}

  /** Adds a sample; a sample with another channel count starts the scale afresh. */
  public void update(double[] x) {
    if (mean == null || mean.length != x.length) {
      mean = new double[x.length];
      variance = new double[x.length];
      count = 0;
    }
    count++;
    double w = 1.0 / Math.min(count, MEMORY);
    for (int c = 0; c < x.length; c++) {
      double delta = x[c] - mean[c];
      mean[c] += w * delta;
      variance[c] = (1 - w) * (variance[c] + w * delta * delta);
    }
  }

  /** (x - mean) / std per channel; a channel with no spread is only centred. */
  public double[] standardise(double[] x) {
    double[] z = new double[x.length];
    for (int c = 0; c < x.length; c++) {
      double std = Math.sqrt(variance[c]);
      z[c] = (x[c] - mean[c]) / (std > 1e-12 ? std : 1.0);
    }
    return z;
  }
}
