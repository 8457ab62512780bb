package io.chaoscast.models.catalog;

import io.chaoscast.models.integrate.DelayPropagator;
import io.chaoscast.models.integrate.FlowPropagator;
import io.chaoscast.models.integrate.MapPropagator;
import io.chaoscast.models.integrate.Propagator;
import io.chaoscast.models.integrate.Trajectory;
import io.chaoscast.models.integrate.TrajectorySampler;
import io.chaoscast.models.systems.DelayFlow;
import io.chaoscast.models.systems.DiscreteMap;
import io.chaoscast.models.systems.Flow;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One catalogued system: its equations (exactly one of flow, delay flow, map), where they come
 * from, and its reference values. Immutable.
 */
public final class CatalogEntry {

  /** Transient discarded before sampling, in dominant periods (flows) or iterations (maps). */
  public static final double TRANSIENT_PERIODS = 20;

  public static final int TRANSIENT_ITERATIONS = 1000;

  private final String name;
  private final String citation;
  private final String description;
  private final Map<String, Double> parameters;
  private final ReferenceValues reference;
  private final Flow flow;
  private final DelayFlow delayFlow;
  private final DiscreteMap map;

  CatalogEntry(
      String name,
      String citation,
      String description,
      Map<String, Double> parameters,
      ReferenceValues reference,
      Flow flow,
      DelayFlow delayFlow,
      DiscreteMap map) {
    this.name = Objects.requireNonNull(name);
    this.citation = citation;
    this.description = description;
    this.parameters = Map.copyOf(parameters);
    this.reference = reference;
    this.flow = flow;
    this.delayFlow = delayFlow;
    this.map = map;
    int set = (flow != null ? 1 : 0) + (delayFlow != null ? 1 : 0) + (map != null ? 1 : 0);
    if (set != 1) throw new IllegalArgumentException(name + ": exactly one kind of equations");
  }

  /** Lower-case identifier used on the command line, e.g. {@code lorenz63}, {@code henon}. */
  public String name() {
    return name;
  }

  public String citation() {
    return citation;
  }

  public String description() {
    return description;
  }

  public Map<String, Double> parameters() {
    return parameters;
  }

  public ReferenceValues reference() {
    return reference;
  }

  public SystemKind kind() {
    return flow != null
        ? SystemKind.FLOW
        : delayFlow != null ? SystemKind.DELAY_FLOW : SystemKind.MAP;
  }

  /** Number of observed channels. */
  public int dimension() {
    return flow != null
        ? flow.dimension()
        : delayFlow != null ? delayFlow.dimension() : map.dimension();
  }

  public Optional<Flow> flow() {
    return Optional.ofNullable(flow);
  }

  public Optional<DelayFlow> delayFlow() {
    return Optional.ofNullable(delayFlow);
  }

  public Optional<DiscreteMap> map() {
    return Optional.ofNullable(map);
  }

  /** A fresh fixed-step propagator (RK4 for flows and delay flows); one per thread. */
  public Propagator propagator() {
    return switch (kind()) {
      case FLOW -> FlowPropagator.rk4(flow);
      case DELAY_FLOW -> new DelayPropagator(delayFlow);
      case MAP -> new MapPropagator(map);
    };
  }

  /** For flows, adaptive Dormand-Prince 5(4) with rtol 1e-9 and atol 1e-12; else as above. */
  public Propagator accuratePropagator() {
    return flow != null ? FlowPropagator.adaptive(flow, 1e-9, 1e-12) : propagator();
  }

  /** Time discarded before sampling: 20 dominant periods, or 1000 iterations for maps. */
  public double transientTime() {
    return kind() == SystemKind.MAP ? TRANSIENT_ITERATIONS : TRANSIENT_PERIODS * reference.period();
  }

  /**
   * Simulates {@code points} samples from the catalogued initial condition after discarding {@link
   * #transientTime()}, with the adaptive integrator for flows.
   */
  public Trajectory simulate(int points, Sampling sampling) {
    Propagator p = accuratePropagator();
    double interval = kind() == SystemKind.MAP ? 1.0 : sampling.interval(reference);
    return TrajectorySampler.sample(p, p.initialState(), points, interval, transientTime());
  }

  @Override
  public String toString() {
    return "CatalogEntry[" + name + ", " + kind() + "]";
  }
}
