/**
 * Drift and stability monitoring of one stream, as plain Java that a keyed Flink operator can hold
 * as state: per-stream signals (forecast skill, occupancy divergence, permutation entropy,
 * representational similarity, finite-time error growth, rollout failures), the Page-Hinkley, ADWIN
 * and KSWIN detectors with River's defaults, and the OPEN/RESOLVED alert lifecycle with hysteresis,
 * minimum duration, cool-down, de-duplication and a cross-stream storm guard. Every number is
 * defined in {@code docs/drift.md}. Entry point: {@link io.chaoscast.models.drift.StreamMonitor}.
 */
package io.chaoscast.models.drift;
