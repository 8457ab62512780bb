package io.chaoscast.models.drift;

/** An alert is emitted once when it opens and once when it resolves. */
public enum AlertPhase {
  OPEN,
  RESOLVED
}
