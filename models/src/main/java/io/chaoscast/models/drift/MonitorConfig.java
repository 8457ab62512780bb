package io.chaoscast.models.drift;

import java.io.Serializable;

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
    int cooldownBlocks)
    implements Serializable {

  public MonitorConfig {
    if (referenceSamples < 256 || calibrationSamples < 8 * hop + window || hop < 1) {
      throw new IllegalArgumentException("reference >= 256 and calibration >= 8 hops + window");
    }
    if (window < 3 * rsaItems || forecastHorizon < 4 || !(resolveZ < openZ)) {
      throw new IllegalArgumentException("need window >= 3 rsaItems, H >= 4, resolveZ < openZ");
    }
  }

  /** The defaults used by {@code detect} and {@code alerts-eval}. */
  public static MonitorConfig defaults() {
    return new MonitorConfig(
        4096, 8192, 4, 96, 3, 0, 32, 16, 96, 32, 2, 1e-4, 64, 5.0, 1.5, 2.5, 10.0, 1, 6, 25, 100);
  }

  /** Samples before monitoring starts. */
  public int warmupSamples() {
    return referenceSamples + calibrationSamples;
  }
}
