package io.chaoscast.models.cli;

/**
 * One line of {@code ./forecaster systems}.
 *
 * @param lyapunovExponent reference lambda_1 per time unit (NaN if none)
 * @param lyapunovSource where it comes from
 * @param period dominant period in time units (NaN for maps)
 */
public record SystemInfo(
    String name,
    String kind,
    int dimension,
    double lyapunovExponent,
    String lyapunovSource,
    double period,
    String citation) {}
