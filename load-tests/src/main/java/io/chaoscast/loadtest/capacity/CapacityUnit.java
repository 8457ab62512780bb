package io.chaoscast.loadtest.capacity;

import java.util.Locale;

/**
 * One run of a capacity search: a job at one offered rate.
 *
 * @param rateEventsPerS events (observation records) per second offered
 */
public record CapacityUnit(CapacityJob job, long rateEventsPerS) {

  public String label() {
    return String.format(Locale.ROOT, "%s at %,d events/s", job.label(), rateEventsPerS);
  }
}
