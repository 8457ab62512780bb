package io.chaoscast.models.drift;

import java.io.Serializable;
import java.util.function.Consumer;

/**
 * Settings of a {@link StreamMonitor}; all lengths are in samples of the stream, all thresholds in
 * units of the baseline excursion z ({@link Baseline}). The detectors themselves use River's
 * defaults (see {@link PageHinkley}, {@link Adwin}, {@link Kswin}).
 *
 * @param referenceSamples first samples: the reference period (standardisation, delay, landmarks,
 *     reference occupancy and geometry)
 * @param calibrationSamples next samples: every signal's baseline is learned from their blocks
 * @param hop samples between blocks (signals are computed once per block)
 * @param window samples over which occupancy, entropy and geometry are computed
 * @param embeddingDimension delays per channel m
 * @param tauSteps delay in samples; 0 estimates it on channel 0 of the reference period (AMI)
 * @param landmarks reference points that partition state space for the occupancy (K)
 * @param rsaItems delay vectors per window in the representational-similarity score
 * @param forecastContext samples the baseline forecaster (NVAR, refitted per block) sees
 * @param forecastHorizon lead times 1..H evaluated per block
 * @param nvarDelays NVAR's k (delays in its linear part), spaced by tau
 * @param nvarRidge NVAR's ridge on standardised features
 * @param rolloutMemory rollouts over which the failure fraction is taken
 * @param openZ a signal fires when a detector flagged it, |z| >= openZ and its tail ratio ({@link
 *     Baseline#tailRatio}) is at least tailFactor
 * @param tailFactor how far beyond the largest calibration excursion a firing signal must be
 * @param resolveZ excursion below which a signal counts as quiet (hysteresis band)
 * @param criticalZ |z| from which an alert is CRITICAL
 * @param corroboration distinct signals (of any kind) that must fire in the same block for an alert
 *     to count that block, unless one of them reaches criticalZ
 * @param minDurationBlocks consecutive firing blocks before an alert opens
 * @param resolveBlocks consecutive quiet blocks before an open alert resolves
 * @param cooldownBlocks blocks after a resolution during which that kind cannot reopen
 * @param referenceSeconds stream time after which the reference period ends early (0: off); it
 *     never ends before {@link #MIN_REFERENCE_SAMPLES} samples nor after {@code referenceSamples}
 * @param calibrationSeconds stream time after which calibration ends early (0: off); never before
 *     {@link #MIN_CALIBRATION_BLOCKS} blocks nor after {@code calibrationSamples}
 * @param baselineHalfLifeBlocks blocks over which an adapting baseline forgets half of what it knew
 *     ({@link Baseline#adapt}); 0 keeps the calibration baselines fixed
 * @param anomalyShortSamples samples in the short window of the forecast-surprise signal
 * @param anomalyLongSamples samples (an exponential window) of its long-run error distribution
 * @param anomalyTailProbability an ANOMALY fires in a block whose surprise tail probability is at
 *     most this
 */
public record MonitorConfig(
    int referenceSamples,
    int calibrationSamples,
    int hop,
    int window,
    int embeddingDimension,
    int tauSteps,
    int landmarks,
    int rsaItems,
    int forecastContext,
    int forecastHorizon,
    int nvarDelays,
    double nvarRidge,
    int rolloutMemory,
    double openZ,
    double tailFactor,
    double resolveZ,
    double criticalZ,
    int corroboration,
    int minDurationBlocks,
    int resolveBlocks,
    int cooldownBlocks,
    double referenceSeconds,
    double calibrationSeconds,
    int baselineHalfLifeBlocks,
    int anomalyShortSamples,
    int anomalyLongSamples,
    double anomalyTailProbability)
    implements Serializable {

  /** Fewest reference samples: the landmarks, tau and the dynamics model need this many. */
  public static final int MIN_REFERENCE_SAMPLES = 256;

  /** Fewest calibration blocks a baseline is learned from. */
  public static final int MIN_CALIBRATION_BLOCKS = 8;

  /**
   * Checks every setting; the message names the key as the job's YAML spells it (drift.*), so that
   * {@code detect} and the job refuse the same settings with the same words.
   */
  public MonitorConfig {
    require(hop >= 1, "drift.hop must be >= 1");
    require(
        referenceSamples >= MIN_REFERENCE_SAMPLES,
        "drift.reference_samples must be >= " + MIN_REFERENCE_SAMPLES);
    require(
        calibrationSamples >= MIN_CALIBRATION_BLOCKS * hop + window,
        "drift.calibration_samples must be >= " + MIN_CALIBRATION_BLOCKS + " hop + window");
    require(window >= 3 * rsaItems, "drift.window must be >= " + 3 * rsaItems);
    require(forecastHorizon >= 4, "forecast horizon must be >= 4");
    require(resolveZ >= 0 && resolveZ < openZ, "drift.resolve_z must be in [0, open_z)");
    require(
        referenceSeconds >= 0 && Double.isFinite(referenceSeconds),
        "drift.reference_seconds must be >= 0 (0: off)");
    require(
        calibrationSeconds >= 0 && Double.isFinite(calibrationSeconds),
        "drift.calibration_seconds must be >= 0 (0: off)");
    require(baselineHalfLifeBlocks >= 0, "drift.baseline_half_life_blocks must be >= 0 (0: fixed)");
    require(anomalyShortSamples >= 1, "drift.anomaly_short_samples must be >= 1");
    require(
        anomalyLongSamples >= 2 * anomalyShortSamples,
        "drift.anomaly_long_samples must be >= 2 anomaly_short_samples");
    require(
        anomalyTailProbability > 0 && anomalyTailProbability < 0.5,
        "drift.anomaly_tail_probability must be in (0, 0.5)");
  }

  private static void require(boolean ok, String message) {
    if (!ok) throw new IllegalArgumentException(message);
  }

  /**
   * The defaults used by the job, {@code detect} and {@code alerts-eval}: a stream is monitored
   * after 512 reference and 448 calibration samples (960 in all, whatever its sampling interval).
   */
  public static MonitorConfig defaults() {
    return new MonitorConfig(
        512, 448, 4, 96, 3, 0, 32, 16, 96, 32, 2, 1e-4, 64, 5.0, 1.5, 2.5, 10.0, 1, 6, 25, 100, 0,
        0, 1000, 8, 2048, 1e-5);
  }

  /** These settings with other warm-up lengths in samples. */
  public MonitorConfig withWarmup(int referenceSamples, int calibrationSamples) {
    return with(
        d -> {
          d.referenceSamples = referenceSamples;
          d.calibrationSamples = calibrationSamples;
        });
  }

  /**
   * These settings with the components {@code change} sets on a {@link Draft} of them (a mutable
   * copy), checked like any settings: {@code defaults().with(d -> d.openZ = 4)}. The record stays
   * immutable; callers name what they change instead of repeating every component in order.
   */
  public MonitorConfig with(Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return d.toConfig();
  }

  /**
   * A mutable copy of a {@link MonitorConfig}'s components for {@link #with}, one public field per
   * component (meanings as in the record); it exists only while {@code with} runs.
   */
  public static final class Draft {
    public int referenceSamples;
    public int calibrationSamples;
    public int hop;
    public int window;
    public int embeddingDimension;
    public int tauSteps;
    public int landmarks;
    public int rsaItems;
    public int forecastContext;
    public int forecastHorizon;
    public int nvarDelays;
    public double nvarRidge;
    public int rolloutMemory;
    public double openZ;
    public double tailFactor;
    public double resolveZ;
    public double criticalZ;
    public int corroboration;
    public int minDurationBlocks;
    public int resolveBlocks;
    public int cooldownBlocks;
    public double referenceSeconds;
    public double calibrationSeconds;
    public int baselineHalfLifeBlocks;
    public int anomalyShortSamples;
    public int anomalyLongSamples;
    public double anomalyTailProbability;

    private Draft(MonitorConfig c) {
      referenceSamples = c.referenceSamples;
      calibrationSamples = c.calibrationSamples;
      hop = c.hop;
      window = c.window;
      embeddingDimension = c.embeddingDimension;
      tauSteps = c.tauSteps;
      landmarks = c.landmarks;
      rsaItems = c.rsaItems;
      forecastContext = c.forecastContext;
      forecastHorizon = c.forecastHorizon;
      nvarDelays = c.nvarDelays;
      nvarRidge = c.nvarRidge;
      rolloutMemory = c.rolloutMemory;
      openZ = c.openZ;
      tailFactor = c.tailFactor;
      resolveZ = c.resolveZ;
      criticalZ = c.criticalZ;
      corroboration = c.corroboration;
      minDurationBlocks = c.minDurationBlocks;
      resolveBlocks = c.resolveBlocks;
      cooldownBlocks = c.cooldownBlocks;
      referenceSeconds = c.referenceSeconds;
      calibrationSeconds = c.calibrationSeconds;
      baselineHalfLifeBlocks = c.baselineHalfLifeBlocks;
      anomalyShortSamples = c.anomalyShortSamples;
      anomalyLongSamples = c.anomalyLongSamples;
      anomalyTailProbability = c.anomalyTailProbability;
    }

    private MonitorConfig toConfig() {
      return new MonitorConfig(
          referenceSamples,
          calibrationSamples,
          hop,
          window,
          embeddingDimension,
          tauSteps,
          landmarks,
          rsaItems,
          forecastContext,
          forecastHorizon,
          nvarDelays,
          nvarRidge,
          rolloutMemory,
          openZ,
          tailFactor,
          resolveZ,
          criticalZ,
          corroboration,
          minDurationBlocks,
          resolveBlocks,
          cooldownBlocks,
          referenceSeconds,
          calibrationSeconds,
          baselineHalfLifeBlocks,
          anomalyShortSamples,
          anomalyLongSamples,
          anomalyTailProbability);
    }
  }

  /** The most samples before monitoring starts (fewer when a phase ends by time). */
  public int warmupSamples() {
    return referenceSamples + calibrationSamples;
  }

  /** Per-block forgetting factor of the adapting baselines (0: fixed). */
  public double baselineAlpha() {
    return baselineHalfLifeBlocks == 0 ? 0 : 1 - Math.pow(0.5, 1.0 / baselineHalfLifeBlocks);
  }
}
