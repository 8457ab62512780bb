package io.chaoscast.loadtest.capacity;

import io.chaoscast.loadtest.JobRun;
import java.util.List;

/** Settings and measured runs for the capacity tests. */
final class CapacityFixtures {

  private CapacityFixtures() {}

  static CapacitySettings settings(String duration, double p99BoundMs) {
    return new CapacitySettings(
        duration, "uniform", 3, 100, 0, "at_least_once", 2, "sort", 100, 5, true, p99BoundMs);
  }

  static CapacitySettings settings() {
    return settings("PT5M", 50);
  }

  static Measurement measured(double sustained, boolean lagGrowing, double restarts, double p99) {
    return new Measurement(
        new JobRun(
            "forecasting",
            "nvar",
            64,
            sustained,
            Double.NaN,
            p99 / 2,
            p99,
            lagGrowing,
            0,
            0,
            0,
            List.of()),
        restarts);
  }

  /** A job that keeps up with everything up to {@code capacity} events/s and falls behind above. */
  static Measurement upTo(long capacity, long offered) {
    return offered <= capacity
        ? measured(offered, false, 0, 20)
        : measured(0.9 * offered, true, 0, 5_000);
  }
}
