/**
 * Numerical integration and sampling: fixed-step RK4 ({@link io.chaoscast.models.integrate.Rk4}),
 * adaptive Dormand-Prince 5(4) ({@link io.chaoscast.models.integrate.DormandPrince54}), RK4 for
 * delay equations with a history buffer ({@link io.chaoscast.models.integrate.DelayRk4}), and the
 * {@link io.chaoscast.models.integrate.Propagator} view that lets flows, delay flows and maps be
 * sampled and analysed alike. Integrators hold scratch arrays: one instance per thread.
 */
package io.chaoscast.models.integrate;
