/**
 * Estimators of dynamical invariants: the largest Lyapunov exponent from data (Rosenstein) and from
 * equations (Benettin), the correlation dimension (Grassberger-Procaccia), and the attractor
 * divergences used to score long-term forecasts (state-space divergence D_stsp and power-spectrum
 * Hellinger distance D_H). Definitions and assumptions are documented in docs/dynamics.md.
 */
package io.chaoscast.models.invariants;
