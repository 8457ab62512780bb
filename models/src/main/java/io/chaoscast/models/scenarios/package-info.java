/**
 * Synthetic streams with ground truth for evaluating the drift monitor: stationary controls and
 * known change points (Lorenz rho, Rossler c, Jansen-Rit background to seizure, sensor drift, a
 * stuck sensor, a noise burst) at several observation-noise levels, the quick and full suites, and
 * the scoring of a monitor run (detection delay, misses, false alarms per stream-hour).
 */
package io.chaoscast.models.scenarios;
