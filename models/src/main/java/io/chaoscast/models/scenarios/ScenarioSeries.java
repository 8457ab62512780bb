package io.chaoscast.models.scenarios;

/**
 * A generated series with its ground truth. Arrays are owned by the record.
 *
 * @param times sample times in seconds (system time units for the flows)
 * @param values time-major samples {@code values[t][c]}
 * @param changeAtSeconds time of the change point (NaN for a stationary control)
 * @param changeEndSeconds end of a transient change (noise burst), else NaN
 */
public record ScenarioSeries(
    double[] times, double[][] values, double changeAtSeconds, double changeEndSeconds) {}
