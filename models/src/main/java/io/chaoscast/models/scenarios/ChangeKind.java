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
  NOISE_BURST(false);

  private final boolean regimeChange;

  ChangeKind(boolean regimeChange) {
    this.regimeChange = regimeChange;
  }

  /** Whether this is a change of the dynamics (the goal's "regime change"), not a sensor fault. */
  public boolean regimeChange() {
    return regimeChange;
  }
}
