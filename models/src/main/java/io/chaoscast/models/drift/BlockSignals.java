package io.chaoscast.models.drift;

import java.io.Serializable;

/**
 * The signals of one block, indexed by {@link Signal#ordinal()}; z is NaN until the baselines are
 * learned. Arrays are owned by the record.
 *
 * @param timeSeconds stream time of the block's newest sample
 * @param values raw signal values
 * @param z excursions against the warm-up baselines
 * @param errorAtLead the baseline forecast's normalised RMS error at leads H/4, H/2 and H
 */
public record BlockSignals(double timeSeconds, double[] values, double[] z, double[] errorAtLead)
    implements Serializable {

  public double value(Signal s) {
    return values[s.ordinal()];
  }

  public double z(Signal s) {
    return z[s.ordinal()];
  }
}
