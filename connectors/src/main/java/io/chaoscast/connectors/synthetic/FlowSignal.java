package io.chaoscast.connectors.synthetic;

import io.chaoscast.models.integrate.Rk4;
import io.chaoscast.models.systems.Flow;
import java.util.List;
import java.util.Random;

/**
 * Samples a chaotic flow every {@code timePerSample} system time units, integrating with RK4 at the
 * flow's own step in between. The initial state is the catalogue's, nudged by a seeded perturbation
 * and then run through a transient so that streams of the same system differ.
 */
public final class FlowSignal implements SignalSource {

  private final Flow flow;
  private final Rk4 integrator;
  private final double timePerSample;
  private final double[] state;
  private final List<String> names;

  public FlowSignal(Flow flow, double timePerSample, long seed, double transientTime) {
    this.flow = flow;
    this.integrator = new Rk4(flow);
    this.timePerSample = timePerSample;
    this.state = flow.initialState();
    Random random = new Random(seed);
    for (int i = 0; i < state.length; i++) state[i] += 1e-3 * random.nextGaussian();
    integrator.advance(state, transientTime);
    this.names = SignalSource.numberedNames(flow.name() + "_x", flow.dimension());
  }

  @Override
  public List<String> channelNames() {
    return names;
  }

  @Override
  public double[] next() {
    integrator.advance(state, timePerSample);
    return state.clone();
  }

  public Flow flow() {
    return flow;
  }

  /** System time units between two samples. */
  public double timePerSample() {
    return timePerSample;
  }
}
