package io.chaoscast.models.scenarios;

import java.util.ArrayList;
import java.util.List;

/** The scenario lists behind {@code ./forecaster alerts-eval --suite quick|full}. */
public final class ScenarioSuite {

  private ScenarioSuite() {}

  /** The systems of the quick and full suites (issue 6): the flows and the EEG model. */
  private static final List<SystemFamily> CHAOTIC =
      List.of(SystemFamily.LORENZ, SystemFamily.ROSSLER, SystemFamily.JANSEN_RIT);

  /** The changes of the quick and full suites. */
  private static final List<ChangeKind> ORIGINAL_CHANGES =
      List.of(
          ChangeKind.PARAMETER,
          ChangeKind.SENSOR_DRIFT,
          ChangeKind.STUCK_SENSOR,
          ChangeKind.NOISE_BURST);

  /** Samples before the change point in change scenarios (warm-up 12288 plus stationary time). */
  public static final int CHANGE_AT = 14_000;

  /** The suites by name, as {@code alerts-eval --suite} takes them. */
  public static final List<String> NAMES = List.of("quick", "full", "tuning", "heldout");

  /** The scenarios of a suite by name; an unknown name is refused with the known ones. */
  public static List<Scenario> named(String suite) {
    return switch (suite) {
      case "quick" -> quick();
      case "full" -> full();
      case "tuning" -> tuning();
      case "heldout" -> heldOut();
      default ->
          throw new IllegalArgumentException(
              "suite must be one of " + String.join(", ", NAMES) + ": " + suite);
    };
  }

  /** Change point and length of the tuning and held-out scenarios (warm-up at most 1,000). */
  static final int SPLIT_CHANGE_AT = 4_000;

  static final int SPLIT_SAMPLES = 6_000;

  /** Length of their stationary controls: two weeks of minute telemetry. */
  static final int SPLIT_CONTROL_SAMPLES = 20_160;

  /**
   * Length of the EEG controls: five minutes at 256 Hz. The EEG's false alarms come from its
   * background's slow changes of state that a 3.75-s warm-up cannot see, so a false-alarm rate
   * needs many EEG warm-ups and minutes after each (20,160 samples, 79 s, gave 0.04 stream-hours).
   */
  static final int SPLIT_EEG_CONTROL_SAMPLES = 76_800;

  /** Changes of the chaotic systems and the EEG in the split suites. */
  private static final List<ChangeKind> DYNAMICS_CHANGES =
      List.of(
          ChangeKind.PARAMETER,
          ChangeKind.SENSOR_DRIFT,
          ChangeKind.STUCK_SENSOR,
          ChangeKind.NOISE_BURST,
          ChangeKind.SPIKE,
          ChangeKind.LEVEL_SHIFT);

  /** Changes of the telemetry streams: anomalies, faults, slow drift and missing values. */
  private static final List<ChangeKind> TELEMETRY_CHANGES =
      List.of(
          ChangeKind.SPIKE,
          ChangeKind.LEVEL_SHIFT,
          ChangeKind.VARIANCE_CHANGE,
          ChangeKind.STUCK_SENSOR,
          ChangeKind.SENSOR_DRIFT,
          ChangeKind.MISSING_VALUES);

  /**
   * The part the monitor's settings may be tuned on: Lorenz, the EEG and telemetry, noise 2 %,
   * seeds 1-2; every change of its family (6,000 samples, change at 4,000) and a stationary control
   * of 20,160 samples per family and seed (76,800 for the EEG), and EEG controls of seeds 3-6.
   */
  public static List<Scenario> tuning() {
    return split(
        List.of(SystemFamily.LORENZ, SystemFamily.JANSEN_RIT, SystemFamily.TELEMETRY),
        new double[] {0.02},
        new long[] {1, 2},
        new long[] {3, 4, 5, 6});
  }

  /**
   * The held-out part, never tuned on: other seeds (21-22, so other telemetry shapes too), other
   * noise levels (5 % and 10 %), and a system the tuning part does not have (Rossler), with the
   * same change kinds and lengths as {@link #tuning()}; further EEG controls of seeds 23-26.
   */
  public static List<Scenario> heldOut() {
    return split(
        List.of(
            SystemFamily.LORENZ,
            SystemFamily.ROSSLER,
            SystemFamily.JANSEN_RIT,
            SystemFamily.TELEMETRY),
        new double[] {0.05, 0.1},
        new long[] {21, 22},
        new long[] {23, 24, 25, 26});
  }

  /**
   * @param eegControlSeeds seeds of further EEG controls (no change scenarios), per noise level
   */
  private static List<Scenario> split(
      List<SystemFamily> families, double[] noises, long[] seeds, long[] eegControlSeeds) {
    List<Scenario> list = new ArrayList<>();
    for (double noise : noises) {
      for (long seed : seeds) {
        for (SystemFamily f : families) {
          List<ChangeKind> changes =
              f == SystemFamily.TELEMETRY ? TELEMETRY_CHANGES : DYNAMICS_CHANGES;
          for (ChangeKind c : changes) {
            list.add(new Scenario(f, c, noise, SPLIT_SAMPLES, SPLIT_CHANGE_AT, seed));
          }
          list.add(control(f, noise, seed));
        }
      }
      if (families.contains(SystemFamily.JANSEN_RIT)) {
        for (long seed : eegControlSeeds) list.add(control(SystemFamily.JANSEN_RIT, noise, seed));
      }
    }
    return list;
  }

  private static Scenario control(SystemFamily f, double noise, long seed) {
    int samples = f == SystemFamily.JANSEN_RIT ? SPLIT_EEG_CONTROL_SAMPLES : SPLIT_CONTROL_SAMPLES;
    return new Scenario(f, ChangeKind.NONE, noise, samples, 0, seed);
  }

  /**
   * Quick (CI): noise 2%, seed 1: a stationary control and a parameter change for each family, plus
   * Lorenz with sensor drift, a stuck sensor and a noise burst; 16000 samples each.
   */
  public static List<Scenario> quick() {
    List<Scenario> list = new ArrayList<>();
    for (SystemFamily f : CHAOTIC) {
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
        for (SystemFamily f : CHAOTIC) {
          for (ChangeKind c : ORIGINAL_CHANGES) {
            list.add(new Scenario(f, c, noise, 18_000, CHANGE_AT, seed));
          }
        }
      }
    }
    for (double noise : noises) {
      for (long seed = 1; seed <= 2; seed++) {
        for (SystemFamily f : CHAOTIC) {
          int samples = (int) Math.round(3600 / f.sampleInterval()) + 12_288;
          if (f == SystemFamily.ROSSLER) samples = 50_000;
          list.add(new Scenario(f, ChangeKind.NONE, noise, samples, 0, seed));
        }
      }
    }
    return list;
  }
}
