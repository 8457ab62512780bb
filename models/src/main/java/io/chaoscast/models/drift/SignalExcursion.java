package io.chaoscast.models.drift;

import java.io.Serializable;
import java.util.List;

/**
 * One signal's part in an alert.
 *
 * @param signal which signal
 * @param detectors the detectors that flagged a change during this excursion
 * @param z the largest excursion |z| seen while the alert was open (signed, see {@link Baseline})
 * @param value the signal's value at that block
 * @param baselineMedian the warm-up median it is compared with
 * @param sinceSeconds stream time at which this excursion began (|z| first above the resolve band)
 */
public record SignalExcursion(
    Signal signal,
    List<String> detectors,
    double z,
    double value,
    double baselineMedian,
    double sinceSeconds)
    implements Serializable {

  public SignalExcursion {
    detectors = List.copyOf(detectors);
  }
}
