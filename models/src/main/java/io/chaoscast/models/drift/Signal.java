package io.chaoscast.models.drift;

/**
 * The per-stream signals computed every block (definitions in {@code docs/drift.md}), with the
 * alert kind each feeds and the smallest excursion scale its baseline may have.
 */
public enum Signal {
  /**
   * ln of the Jensen-Shannon divergence (nats) of the window's landmark occupancy from the
   * reference's. Needs corroboration (issue 18): a reference of 512 samples is 2 s of EEG, and the
   * background's louder epochs, which it may not contain, moved the occupancy 5-8 scales while the
   * dynamics (their one-step residual) had not changed.
   */
  OCCUPANCY_DIVERGENCE("log_occupancy_js", AlertKind.DYNAMICS_DRIFT, 0.05, true, true),
  /** Normalised permutation entropy of channel 0 over the window (order 4, lag tau). */
  PERMUTATION_ENTROPY("permutation_entropy", AlertKind.DYNAMICS_DRIFT, 1e-3, false, true),
  /** ln(1 - r), r the RSA correlation of recent delay vectors with their nearest reference ones. */
  GEOMETRY_DISSIMILARITY("log_rsa_dissimilarity", AlertKind.DYNAMICS_DRIFT, 0.05, true, true),
  /** Slope of ln(forecast error) against lead time (per second). */
  FINITE_TIME_LYAPUNOV("ftle_per_second", AlertKind.DYNAMICS_DRIFT, 1e-6, false, false),
  /** ln of the baseline forecast's mean normalised RMS error over leads 1..H. */
  FORECAST_ERROR("log_nrmse", AlertKind.FORECAST_SKILL_DRIFT, 0.05, true, false),
  /** Valid prediction time of the baseline forecast (steps, sMAPE definition of metrics). */
  VALID_PREDICTION_TIME("vpt_steps", AlertKind.FORECAST_SKILL_DRIFT, 1.0, false, true),
  /** Fraction of the last rollouts flagged (out of region, blown up or collapsed). */
  ROLLOUT_FAILURE_RATE(
      "rollout_failure_fraction", AlertKind.ROLLOUT_INSTABILITY, 0.0625, false, true),
  /**
   * ln of the mean squared one-step residual, over the window, of the reference period's dynamics
   * model ({@link ReferenceDynamics}), in reference-SD units squared. Fires only on a change of at
   * least ln 2 (the mean squared residual doubled or halved), a rise net of the window's loudness,
   * and below its baseline only on a quiet, still channel (issue 18): a calibration of 1.75 s of
   * EEG sees too little of the background's slow swings, and its scale put changes of 1.6-1.9 times
   * at z 5-6.5, up and down (tuning EEG controls, seeds 101-280: 43 false alarms in 29.6
   * stream-hours without the ln 2, 2 with it); the rises left were louder stretches (increments
   * grown as much as the residual), the falls calmer ones that kept moving; stuck sensors lower it
   * 2.4-3.5 times and stop their channel, changed vector fields raise it by more (docs/drift.md,
   * "Firing").
   */
  REFERENCE_RESIDUAL(
      "log_reference_residual",
      AlertKind.DYNAMICS_DRIFT,
      0.05,
      false,
      false,
      Math.log(2),
      true,
      true),
  /**
   * Forecast surprise, -log10 of the upper tail probability of the short-window mean of the
   * one-step forecast error against its long-run distribution ({@link ForecastSurprise}). Updated
   * every sample, not every block, and judged by its own threshold (no baseline or detectors): it
   * must be last, after the block signals ({@link #perBlock}).
   */
  FORECAST_SURPRISE("forecast_surprise_log10", AlertKind.ANOMALY, 1.0, true, false);

  /** The signals computed once per block with baselines and detectors, in ordinal order. */
  static final Signal[] PER_BLOCK = java.util.Arrays.copyOf(values(), values().length - 1);

  private final String key;
  private final AlertKind kind;
  private final double minScale;
  private final boolean upOnly;
  private final boolean needsCorroboration;
  private final double minChange;
  private final boolean fallNeedsQuietChannel;
  private final boolean riseNetOfLoudness;

  Signal(String key, AlertKind kind, double minScale, boolean upOnly, boolean needsCorroboration) {
    this(key, kind, minScale, upOnly, needsCorroboration, 0, false, false);
  }

  Signal(
      String key,
      AlertKind kind,
      double minScale,
      boolean upOnly,
      boolean needsCorroboration,
      double minChange,
      boolean fallNeedsQuietChannel,
      boolean riseNetOfLoudness) {
    this.key = key;
    this.kind = kind;
    this.minScale = minScale;
    this.upOnly = upOnly;
    this.needsCorroboration = needsCorroboration;
    this.minChange = minChange;
    this.fallNeedsQuietChannel = fallNeedsQuietChannel;
    this.riseNetOfLoudness = riseNetOfLoudness;
  }

  /**
   * The least distance of a value from its baseline median, in the signal's units, that may fire,
   * whatever its excursion in scales: a floor on the effect where the calibration's scale can be
   * too narrow; 0 for none.
   */
  public double minChange() {
    return minChange;
  }

  /**
   * Whether a value below the baseline fires only while some channel has gone quiet and stopped
   * moving over the window ({@code StreamMonitor.QUIET_WINDOW_SD}, {@code
   * StreamMonitor.STILL_INCREMENT_RATIO}): the signal falls both when a channel stops carrying the
   * dynamics (stuck, flat, saturated; its variance and its increments collapse) and when the stream
   * merely dwells in a calmer stretch (it keeps moving).
   */
  public boolean fallNeedsQuietChannel() {
    return fallNeedsQuietChannel;
  }

  /**
   * Whether a rise counts only net of the window's loudness ({@code ReferenceDynamics.loudness}):
   * the log of how much the one-step increments grew is taken off the change before {@link
   * #minChange} applies, since louder dynamics scale the residual by as much with the vector field
   * unchanged.
   */
  public boolean riseNetOfLoudness() {
    return riseNetOfLoudness;
  }

  /**
   * Whether only upward excursions count (a divergence or dissimilarity from the reference that is
   * smaller than usual is no drift).
   */
  public boolean upOnly() {
    return upOnly;
  }

  /**
   * Whether the signal may not open an alert on its own: it fires only in a block where a signal of
   * its alert kind without this restriction fires too (of any kind, for a kind that has none). The
   * geometry score, the permutation entropy and the rollout failures are such signals: on the EEG
   * background, low-amplitude stretches make the distance structure and the ordinal patterns
   * noise-dominated and the baseline forecast collapse, and together they raised about 50 false
   * alarms per stream-hour. The occupancy divergence joined them in issue 18 (see its constant).
   */
  public boolean needsCorroboration() {
    return needsCorroboration;
  }

  /** Whether this signal is computed per block with a baseline and detectors. */
  public boolean perBlock() {
    return this != FORECAST_SURPRISE;
  }

  /** snake_case name with unit, as in JSON output. */
  public String key() {
    return key;
  }

  public AlertKind kind() {
    return kind;
  }

  /** Floor of the baseline scale (a signal that is constant in warm-up still needs a unit). */
  public double minScale() {
    return minScale;
  }
}
