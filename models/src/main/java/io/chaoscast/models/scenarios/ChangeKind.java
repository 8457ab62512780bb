package io.chaoscast.models.scenarios;

/** The ground-truth change a scenario carries at its change point. */
public enum ChangeKind {
  /** Stationary control: no change at all. */
  NONE(false),
  /** A parameter change that alters the attractor (Lorenz rho, Rossler c, EEG to seizure). */
  PARAMETER(true),
  /** Channel 0 drifts by 0.25 channel standard deviations per time unit from the change on. */
  SENSOR_DRIFT(false),
  /** Channel 0 holds its value at the change point forever (a stuck sensor). */
  STUCK_SENSOR(false),
  /** Extra white noise of 0.5 channel standard deviations for 20 time units. */
  NOISE_BURST(false),
  /**
   * Channel 0 jumps by 6 channel standard deviations for 3 samples: a point anomaly, labelled with
   * a window of one time unit from the change (an alert must open inside it).
   */
  SPIKE(false),
  /** Channel 0 shifts by 3 channel standard deviations from the change on. */
  LEVEL_SHIFT(false),
  /** Extra white noise of one channel standard deviation on every channel from the change on. */
  VARIANCE_CHANGE(false),
  /**
   * Six time units of samples are missing at the change (the stream pauses, then resumes where the
   * system is by then): nothing changed, so no alert is expected; scored like a control.
   */
  MISSING_VALUES(false);

  private final boolean regimeChange;

  ChangeKind(boolean regimeChange) {
    this.regimeChange = regimeChange;
  }

  /** Whether an alert is expected after the change point (false for controls and missing data). */
  public boolean expectsAlert() {
    return this != NONE && this != MISSING_VALUES;
  }

  /** Whether this is a change of the dynamics (the goal's "regime change"), not a sensor fault. */
  public boolean regimeChange() {
    return regimeChange;
  }
}
