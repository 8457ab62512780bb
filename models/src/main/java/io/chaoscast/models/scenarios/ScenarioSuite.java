package io.chaoscast.models.scenarios;

import java.util.ArrayList;
import java.util.List;

/** The scenario lists behind {@code ./forecaster alerts-eval --suite quick|full}. */
public final class ScenarioSuite {

  private ScenarioSuite() {}

  /** Samples before the change point in change scenarios (warm-up 12288 plus stationary time). */
  public static final int CHANGE_AT = 14_000;

  /**
   * Quick (CI): noise 2%, seed 1: a stationary control and a parameter change for each family, plus
   * Lorenz with sensor drift, a stuck sensor and a noise burst; 16000 samples each.
   */
  public static List<Scenario> quick() {
    List<Scenario> list = new ArrayList<>();
    for (SystemFamily f : SystemFamily.values()) {
      list.add(new Scenario(f, ChangeKind.NONE, 0.02, 16_000, 0, 1));
      list.add(new Scenario(f, ChangeKind.PARAMETER, 0.02, 16_000, CHANGE_AT, 1));
    }
    for (ChangeKind c :
        List.of(ChangeKind.SENSOR_DRIFT, ChangeKind.STUCK_SENSOR, ChangeKind.NOISE_BURST)) {
      list.add(new Scenario(SystemFamily.LORENZ, c, 0.02, 16_000, CHANGE_AT, 1));
    }
    return list;
  }

  /**
   * Full: noise 0, 2% and 10%, seeds 1-3, every family with every change (18000 samples each), and
   * long stationary controls (about one stream-hour each for Lorenz and the EEG; 40000 samples, 3.9
   * stream-hours, for Rossler) for seeds 1-2.
   */
  public static List<Scenario> full() {
    List<Scenario> list = new ArrayList<>();
    double[] noises = {0.0, 0.02, 0.1};
    for (double noise : noises) {
      for (long seed = 1; seed <= 3; seed++) {
        for (SystemFamily f : SystemFamily.values()) {
          for (ChangeKind c : ChangeKind.values()) {
            if (c == ChangeKind.NONE) continue;
            list.add(new Scenario(f, c, noise, 18_000, CHANGE_AT, seed));
          }
        }
      }
    }
    for (double noise : noises) {
      for (long seed = 1; seed <= 2; seed++) {
        for (SystemFamily f : SystemFamily.values()) {
          int samples = (int) Math.round(3600 / f.sampleInterval()) + 12_288;
          if (f == SystemFamily.ROSSLER) samples = 50_000;
          list.add(new Scenario(f, ChangeKind.NONE, noise, samples, 0, seed));
        }
      }
    }
    return list;
  }
}
