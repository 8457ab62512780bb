package io.chaoscast.models.scenarios;

import io.chaoscast.models.integrate.FlowPropagator;
import io.chaoscast.models.neural.JansenRit;
import io.chaoscast.models.neural.JansenRitGenerator;
import io.chaoscast.models.systems.Flow;
import io.chaoscast.models.systems.Lorenz63;
import io.chaoscast.models.systems.Rossler;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One synthetic stream with a known change: the system, what changes at sample {@code
 * changeAtSample} (ignored for {@link ChangeKind#NONE}), the observation-noise level (white noise
 * of {@code noiseLevel} times each channel's standard deviation before the change) and a seed that
 * fixes the initial condition, the EEG input noise and the observation noise.
 */
public record Scenario(
    SystemFamily family,
    ChangeKind change,
    double noiseLevel,
    int samples,
    int changeAtSample,
    long seed) {

  /** Burst length and drift rate are in the family's time unit (Lyapunov time or second). */
  static final double BURST_UNITS = 20;

  static final double BURST_LEVEL = 0.5;
  static final double DRIFT_PER_UNIT = 0.25;
  static final double SPIKE_LEVEL = 6;
  static final int SPIKE_SAMPLES = 3;
  static final double SHIFT_LEVEL = 3;
  static final double MISSING_UNITS = 6;

  public Scenario {
    if (samples < 2 || noiseLevel < 0) throw new IllegalArgumentException("bad scenario");
    if (change != ChangeKind.NONE && (changeAtSample < 1 || changeAtSample >= samples)) {
      throw new IllegalArgumentException("change point outside the series");
    }
  }

  /** A file-name-safe identifier, e.g. {@code lorenz-parameter-n0.02-s1}. */
  public String name() {
    return String.format(
        Locale.ROOT,
        "%s-%s-n%s-s%d",
        family.name().toLowerCase(Locale.ROOT).replace("_", ""),
        change.name().toLowerCase(Locale.ROOT).replace('_', '-'),
        noiseLevel,
        seed);
  }

  /** Simulates the series (deterministic given the record). */
  public ScenarioSeries generate() {
    SplittableRandom random = new SplittableRandom(seed);
    double dt = family.sampleInterval();
    double unit = family.timeUnitSeconds();
    // missing values: the samples of the hole are generated (the system runs on) and dropped
    int hole =
        change == ChangeKind.MISSING_VALUES ? (int) Math.round(MISSING_UNITS * unit / dt) : 0;
    int length = samples + hole;
    double[][] clean =
        switch (family) {
          case JANSEN_RIT -> eeg(random, length);
          case TELEMETRY -> Telemetry.generate(random, length, dt);
          default -> flow(random, dt, length);
        };
    int d = clean[0].length;
    int changeAt = change == ChangeKind.NONE ? samples : changeAtSample;
    double[] sd = new double[d];
    double[] mean = new double[d];
    for (int t = 0; t < changeAt; t++)
      for (int c = 0; c < d; c++) mean[c] += clean[t][c] / changeAt;
    for (int t = 0; t < changeAt; t++) {
      for (int c = 0; c < d; c++) sd[c] += Math.pow(clean[t][c] - mean[c], 2) / changeAt;
    }
    for (int c = 0; c < d; c++) sd[c] = Math.sqrt(sd[c]);
    int burstEnd = changeAt + (int) Math.round(BURST_UNITS * unit / dt);
    double[] times = new double[samples];
    double[][] values = new double[samples][d];
    for (int t = 0; t < samples; t++) {
      int source = t >= changeAt ? t + hole : t;
      times[t] = source * dt;
      for (int c = 0; c < d; c++) {
        double v = clean[source][c] + noiseLevel * sd[c] * random.nextGaussian();
        if (t >= changeAt) {
          switch (change) {
            case SENSOR_DRIFT -> {
              if (c == 0) v += DRIFT_PER_UNIT * sd[c] * (t - changeAt) * dt / unit;
            }
            case STUCK_SENSOR -> {
              if (c == 0) v = values[changeAt - 1][0];
            }
            case NOISE_BURST -> {
              if (t < burstEnd) v += BURST_LEVEL * sd[c] * random.nextGaussian();
            }
            case SPIKE -> {
              if (c == 0 && t < changeAt + SPIKE_SAMPLES) v += SPIKE_LEVEL * sd[c];
            }
            case LEVEL_SHIFT -> {
              if (c == 0) v += SHIFT_LEVEL * sd[c];
            }
            case VARIANCE_CHANGE -> v += sd[c] * random.nextGaussian();
            default -> {}
          }
        }
        values[t][c] = v;
      }
    }
    double changeSeconds = change.expectsAlert() ? changeAt * dt : Double.NaN;
    double endSeconds =
        switch (change) {
          case NOISE_BURST -> burstEnd * dt;
          case SPIKE -> changeAt * dt + unit; // the labelled window
          default -> Double.NaN;
        };
    return new ScenarioSeries(times, values, changeSeconds, endSeconds);
  }

  private double[][] flow(SplittableRandom random, double dt, int samples) {
    Flow before = family == SystemFamily.LORENZ ? Lorenz63.classic() : Rossler.classic();
    Flow after =
        family == SystemFamily.LORENZ
            ? new Lorenz63(10.0, 36.0, 8.0 / 3.0)
            : new Rossler(0.2, 0.2, 9.0);
    FlowPropagator p = FlowPropagator.rk4(before);
    double[] state = before.initialState();
    for (int i = 0; i < state.length; i++) state[i] += 1e-3 * random.nextGaussian();
    p.advance(state, family == SystemFamily.LORENZ ? 100 : 1000);
    double[][] out = new double[samples][];
    for (int t = 0; t < samples; t++) {
      if (t > 0) p.advance(state, dt);
      if (t == changeAtSample - 1 && change == ChangeKind.PARAMETER) p = FlowPropagator.rk4(after);
      out[t] = state.clone();
    }
    return out;
  }

  private double[][] eeg(SplittableRandom random, int samples) {
    JansenRitGenerator g = new JansenRitGenerator(JansenRit.background(), 256, random.nextLong());
    g.next(512); // 2 s transient
    double[][] out = new double[samples][];
    for (int t = 0; t < samples; t++) {
      if (t == changeAtSample && change == ChangeKind.PARAMETER)
        g.setParameters(JansenRit.seizure());
      out[t] = new double[] {g.next()};
    }
    return out;
  }
}
