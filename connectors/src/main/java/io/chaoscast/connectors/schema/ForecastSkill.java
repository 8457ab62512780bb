package io.chaoscast.connectors.schema;

/**
 * How one forecast fared against the actuals that arrived later, on the {@code forecast-skill}
 * topic. All errors are on values standardised with the stream's running per-channel mean and
 * standard deviation (definitions in docs/metrics.md).
 *
 * @param evaluatedSteps leading forecast steps that had an actual (all of them unless a gap)
 * @param smape mean sMAPE (0-200) over the evaluated steps
 * @param smapeByStep sMAPE of each evaluated step
 * @param errorByStep root-mean-square standardised error of each evaluated step
 * @param vptSteps valid prediction time: steps before the cumulative mean sMAPE first exceeds 30
 * @param vptSeconds vptSteps times the sample interval
 * @param model the job's name for the model that made the forecast (see {@link Forecast#model})
 * @param role {@code champion} (the forecast was published) or {@code challenger} (scored only)
 */
public record ForecastSkill(
    String stream,
    long issuedAtMillis,
    String modelId,
    double sampleIntervalMillis,
    int horizonSteps,
    int evaluatedSteps,
    double smape,
    double[] smapeByStep,
    double[] errorByStep,
    int vptSteps,
    double vptSeconds,
    String model,
    String role) {}
