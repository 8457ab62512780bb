package io.chaoscast.models.drift;

/** Alert severity from the size of the excursion: CRITICAL from {@code criticalZ} on. */
public enum Severity {
  WARNING,
  CRITICAL
}
