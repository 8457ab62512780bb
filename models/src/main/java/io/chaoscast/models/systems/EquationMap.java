package io.chaoscast.models.systems;

import java.util.Objects;

/** A {@link DiscreteMap} given by its update rule and a start point (see {@link MapEquations}). */
public final class EquationMap implements DiscreteMap {

  /** An update rule F with its parameters already bound; {@code out} never aliases {@code s}. */
  @FunctionalInterface
  public interface Rule {
    void apply(double[] s, double[] out);
  }

  private final String name;
  private final int dimension;
  private final Rule rule;
  private final double[] initial;

  public EquationMap(String name, int dimension, Rule rule, double[] initial) {
    if (initial.length != dimension) {
      throw new IllegalArgumentException(name + ": initial state must have length " + dimension);
    }
    this.name = Objects.requireNonNull(name);
    this.dimension = dimension;
    this.rule = Objects.requireNonNull(rule);
    this.initial = initial.clone();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public void apply(double[] state, double[] out) {
    rule.apply(state, out);
  }

  @Override
  public double[] initialState() {
    return initial.clone();
  }

  @Override
  public String toString() {
    return "EquationMap[" + name + "]";
  }
}
