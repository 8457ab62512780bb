package io.chaoscast.models.integrate;

import io.chaoscast.models.systems.Flow;

/** Drives a {@link Flow} with fixed-step RK4 or adaptive Dormand-Prince 5(4). */
public final class FlowPropagator implements Propagator {

  private final Flow flow;
  private final Rk4 rk4;
  private final DormandPrince54 dp;

  private FlowPropagator(Flow flow, Rk4 rk4, DormandPrince54 dp) {
    this.flow = flow;
    this.rk4 = rk4;
    this.dp = dp;
  }

  /** Fixed-step RK4 with steps no longer than the flow's recommended step. */
  public static FlowPropagator rk4(Flow flow) {
    return new FlowPropagator(flow, new Rk4(flow), null);
  }

  /** Adaptive Dormand-Prince 5(4) with the given tolerances. */
  public static FlowPropagator adaptive(Flow flow, double rtol, double atol) {
    return new FlowPropagator(flow, null, new DormandPrince54(flow, rtol, atol));
  }

  public Flow flow() {
    return flow;
  }

  @Override
  public String name() {
    return flow.name();
  }

  @Override
  public int stateSize() {
    return flow.dimension();
  }

  @Override
  public int observedDimension() {
    return flow.dimension();
  }

  @Override
  public double[] initialState() {
    return flow.initialState();
  }

  @Override
  public void advance(double[] state, double duration) {
    if (rk4 != null) rk4.advance(state, duration);
    else dp.advance(state, duration);
  }

  @Override
  public void observe(double[] state, double[] out) {
    System.arraycopy(state, 0, out, 0, flow.dimension());
  }

  @Override
  public double timeQuantum() {
    return flow.integrationStep();
  }

  @Override
  public boolean discrete() {
    return false;
  }
}
