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
  JANSEN_RIT(1.0, "seconds"),
  /**
   * Server-style telemetry sampled once a minute: daily and weekly seasonality with a daily
   * harmonic and AR(1) noise ({@link Telemetry}); delays in hours.
   */
  TELEMETRY(3600.0, "hours");

  private final double timeUnitSeconds;
  private final String timeUnit;

  SystemFamily(double timeUnitSeconds, String timeUnit) {
    this.timeUnitSeconds = timeUnitSeconds;
    this.timeUnit = timeUnit;
  }

  /** Lyapunov time 1/lambda_1 for the chaotic flows, 1 s for the EEG model, 1 h for telemetry. */
  public double timeUnitSeconds() {
    return timeUnitSeconds;
  }

  /** Name of the unit delays are reported in. */
  public String timeUnit() {
    return timeUnit;
  }

  /** Sampling interval: 1/40 Lyapunov time for the flows, 1/256 s for the EEG, 60 s telemetry. */
  public double sampleInterval() {
    return switch (this) {
      case JANSEN_RIT -> 1.0 / 256;
      case TELEMETRY -> 60.0;
      default -> timeUnitSeconds / 40;
    };
  }
}
