package io.chaoscast.models.integrate;

import io.chaoscast.models.systems.DelayFlow;

/** Drives a {@link DelayFlow} with {@link DelayRk4}; the internal state is the history buffer. */
public final class DelayPropagator implements Propagator {

  private final DelayFlow flow;
  private final DelayRk4 rk4;

  public DelayPropagator(DelayFlow flow) {
    this.flow = flow;
    this.rk4 = new DelayRk4(flow);
  }

  @Override
  public String name() {
    return flow.name();
  }

  @Override
  public int stateSize() {
    return rk4.historyLength();
  }

  @Override
  public int observedDimension() {
    return flow.dimension();
  }

  @Override
  public double[] initialState() {
    return rk4.initialHistory();
  }

  @Override
  public void advance(double[] state, double duration) {
    rk4.advance(state, duration);
  }

  @Override
  public void observe(double[] state, double[] out) {
    rk4.current(state, out);
  }

  @Override
  public double timeQuantum() {
    return rk4.step();
  }

  @Override
  public boolean discrete() {
    return false;
  }
}
