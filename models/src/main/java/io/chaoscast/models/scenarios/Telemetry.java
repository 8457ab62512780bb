package io.chaoscast.models.scenarios;

import java.util.SplittableRandom;

/**
 * A synthetic one-channel telemetry metric (a server's load, a building's temperature): level 10, a
 * daily cycle of amplitude 2-4 with its second harmonic, a weekly cycle of amplitude 0.5-1.5 and
 * AR(1) noise (coefficient 0.8, unit stationary standard deviation). Amplitudes and phases come
 * from the seed, so held-out seeds are differently shaped streams, not only other noise.
 */
final class Telemetry {

  private static final double DAY = 86_400;
  private static final double WEEK = 7 * DAY;

  private Telemetry() {}

  /**
   * @param samples how many
   * @param dt sampling interval in seconds
   */
  static double[][] generate(SplittableRandom random, int samples, double dt) {
    double daily = 2 + 2 * random.nextDouble();
    double weekly = 0.5 + random.nextDouble();
    double harmonic = 0.3 + 0.4 * random.nextDouble();
    double phaseDay = 2 * Math.PI * random.nextDouble();
    double phaseWeek = 2 * Math.PI * random.nextDouble();
    double ar = 0;
    double[][] out = new double[samples][];
    for (int t = 0; t < samples; t++) {
      double time = t * dt;
      ar = 0.8 * ar + 0.6 * random.nextGaussian();
      out[t] =
          new double[] {
            10
                + daily * Math.sin(2 * Math.PI * time / DAY + phaseDay)
                + harmonic * Math.sin(4 * Math.PI * time / DAY + 2 * phaseDay)
                + weekly * Math.sin(2 * Math.PI * time / WEEK + phaseWeek)
                + ar
          };
    }
    return out;
  }
}
