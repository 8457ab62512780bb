package io.chaoscast.models.catalog;

/** How time advances in a catalogued system. */
public enum SystemKind {
  /** Ordinary differential equation. */
  FLOW,
  /** Delay differential equation; the state is a history buffer. */
  DELAY_FLOW,
  /** Discrete-time map. */
  MAP
}
