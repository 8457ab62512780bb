package io.chaoscast.models.integrate;

import io.chaoscast.models.systems.DiscreteMap;

/** Iterates a {@link DiscreteMap}; a duration of k means k iterations. */
public final class MapPropagator implements Propagator {

  private final DiscreteMap map;
  private final double[] scratch;

  public MapPropagator(DiscreteMap map) {
    this.map = map;
    this.scratch = new double[map.dimension()];
  }

  @Override
  public String name() {
    return map.name();
  }

  @Override
  public int stateSize() {
    return map.dimension();
  }

  @Override
  public int observedDimension() {
    return map.dimension();
  }

  @Override
  public double[] initialState() {
    return map.initialState();
  }

  @Override
  public void advance(double[] state, double duration) {
    long n = Math.max(1, Math.round(duration));
    for (long i = 0; i < n; i++) {
      map.apply(state, scratch);
      System.arraycopy(scratch, 0, state, 0, scratch.length);
    }
  }

  @Override
  public void observe(double[] state, double[] out) {
    System.arraycopy(state, 0, out, 0, map.dimension());
  }

  @Override
  public double timeQuantum() {
    return 1.0;
  }

  @Override
  public boolean discrete() {
    return true;
  }
}
