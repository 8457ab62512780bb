package io.chaoscast.models.scenarios;

/**
 * The dynamical systems scenarios are drawn from, with the characteristic time in which detection
 * delays are reported and the parameter change that alters the attractor.
 */
public enum SystemFamily {
  /** Lorenz (1963), rho 28 -> 36; lambda_1 = 0.906 (Sprott), 40 samples per Lyapunov time. */
  LORENZ(1 / 0.906, "lyapunov_times"),
  /** Rossler (1976), c 5.7 -> 9; lambda_1 = 0.0714 (Sprott), 40 samples per Lyapunov time. */
  ROSSLER(1 / 0.0714, "lyapunov_times"),
  /** Jansen-Rit EEG at 256 Hz, background -> seizure (A 3.25 -> 4 mV); delays in seconds. */
  JANSEN_RIT(1.0, "seconds");

  private final double timeUnitSeconds;
  private final String timeUnit;

  SystemFamily(double timeUnitSeconds, String timeUnit) {
    this.timeUnitSeconds = timeUnitSeconds;
    this.timeUnit = timeUnit;
  }

  /** Lyapunov time 1/lambda_1 for the chaotic flows, 1 s for the EEG model. */
  public double timeUnitSeconds() {
    return timeUnitSeconds;
  }

  /** Name of the unit delays are reported in. */
  public String timeUnit() {
    return timeUnit;
  }

  /** Sampling interval: 1/40 Lyapunov time for the flows, 1/256 s for the EEG. */
  public double sampleInterval() {
    return this == JANSEN_RIT ? 1.0 / 256 : timeUnitSeconds / 40;
  }
}
