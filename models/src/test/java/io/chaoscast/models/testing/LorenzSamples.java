package io.chaoscast.models.testing;

import io.chaoscast.models.integrate.Rk4;
import io.chaoscast.models.systems.Lorenz63;

/** A classic Lorenz63 trajectory for forecaster tests. */
public final class LorenzSamples {

  private LorenzSamples() {}

  /**
   * {@code samples} states every 0.01 time units (one Lyapunov time, 1 / 0.906, is about 110
   * samples), after 10 time units that settle the initial state onto the attractor.
   */
  public static double[][] every10ms(int samples) {
    var flow = Lorenz63.classic();
    var rk4 = new Rk4(flow);
    double[] s = flow.initialState();
    rk4.advance(s, 10.0);
    double[][] out = new double[samples][];
    for (int i = 0; i < samples; i++) {
      rk4.advance(s, 0.01);
      out[i] = s.clone();
    }
    return out;
  }
}
