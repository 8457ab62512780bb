/**
 * Equations of dynamical systems: continuous-time flows ({@link io.chaoscast.models.systems.Flow}),
 * delay differential equations ({@link io.chaoscast.models.systems.DelayFlow}) and maps ({@link
 * io.chaoscast.models.systems.DiscreteMap}), each written from its published equations. Parameters,
 * initial conditions and reference invariants come from {@code io.chaoscast.models.catalog}; this
 * package holds only right-hand sides. Neural-mass EEG sources live in {@code
 * io.chaoscast.models.neural}.
 */
package io.chaoscast.models.systems;
