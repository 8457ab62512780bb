package io.chaoscast.loadtest.capacity;

import io.chaoscast.loadtest.LoadProfile;

/**
 * Runs one unit of a capacity search: offers {@code profile} to the unit's job for the search's
 * duration and measures it. The real one starts Flink jobs on an embedded broker; the search's
 * logic does not care.
 */
@FunctionalInterface
public interface UnitRunner {
  Measurement run(CapacityUnit unit, LoadProfile profile) throws Exception;
}
