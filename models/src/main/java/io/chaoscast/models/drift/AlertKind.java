package io.chaoscast.models.drift;

/** What an alert is about; each per-stream signal belongs to exactly one kind. */
public enum AlertKind {
  /**
   * The stream's dynamics changed: attractor occupancy, geometry, entropy or finite-time growth.
   */
  DYNAMICS_DRIFT,
  /** The baseline forecaster's skill changed: normalised error or valid prediction time. */
  FORECAST_SKILL_DRIFT,
  /** Rollouts leave the attractor's region, blow up or collapse to a fixed point. */
  ROLLOUT_INSTABILITY,
  /** Many streams opened alerts at once; one aggregate alert replaces the storm. */
  DRIFT_STORM
}
