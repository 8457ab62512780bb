package io.chaoscast.models.systems;

import java.util.Objects;

/**
 * A {@link Flow} given by a right-hand side, a start point and a step: the form every catalogued
 * flow takes (see {@link FlowEquations}).
 */
public final class EquationFlow implements Flow {

  /** A right-hand side f with its parameters already bound. */
  @FunctionalInterface
  public interface Rhs {
    void eval(double[] s, double[] out);
  }

  private final String name;
  private final int dimension;
  private final Rhs rhs;
  private final double[] initial;
  private final double step;

  public EquationFlow(String name, int dimension, Rhs rhs, double[] initial, double step) {
    if (initial.length != dimension) {
      throw new IllegalArgumentException(
          name + ": initial state has " + initial.length + " values, expected " + dimension);
    }
    this.name = Objects.requireNonNull(name);
    this.dimension = dimension;
    this.rhs = Objects.requireNonNull(rhs);
    this.initial = initial.clone();
    this.step = step;
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
  public void derivative(double[] state, double[] out) {
    rhs.eval(state, out);
  }

  @Override
  public double[] initialState() {
    return initial.clone();
  }

  @Override
  public double integrationStep() {
    return step;
  }

  @Override
  public String toString() {
    return "EquationFlow[" + name + "]";
  }
}
