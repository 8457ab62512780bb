package io.chaoscast.models.drift;

import java.io.Serializable;

/**
 * A univariate change detector fed one value at a time (definitions in {@code docs/drift.md}).
 * Implementations are small serialisable state machines: no static mutable state, no clocks, and
 * any randomness comes from a seed held in the state, so a replay gives the same answers.
 */
public interface DriftDetector extends Serializable {

  /** Short name used in alerts: {@code page_hinkley}, {@code adwin}, {@code kswin}. */
  String name();

  /**
   * Feeds one value; returns true when the detector signals a change at this value (it then resets
   * or shrinks its window as its definition says).
   */
  boolean update(double x);

  /** The detector's current test statistic (its meaning is per detector; see docs/drift.md). */
  double statistic();

  /** A fresh detector with the same settings. */
  DriftDetector copyEmpty();
}
