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
  /**
   * A short anomaly: the newest observations are far more surprising to the one-step forecast than
   * its recent errors (a spike, a level shift, a stuck or jumping value); drift kinds above are
   * lasting changes.
   */
  ANOMALY,
  /** Many streams opened alerts at once; one aggregate alert replaces the storm. */
  DRIFT_STORM
}
