package io.chaoscast.connectors.schema;

import java.util.List;

/**
 * A multi-step forecast for one stream, written to the {@code forecasts} topic.
 *
 * <p>Row {@code k} of {@link #values} is the forecast for time {@code issuedAtMillis + (k + 1) *
 * sampleIntervalMillis}.
 *
 * @param stream stream id
 * @param issuedAtMillis event time of the last observation in the context window
 * @param modelId id and version of the model that produced it
 * @param sampleIntervalMillis the stream's sample interval as estimated from its timestamps
 * @param horizonSteps number of rows in {@link #values}
 * @param channels channel names, or null when the stream never named them
 * @param values forecast matrix, horizonSteps x channels
 * @param observationKafkaTimestampMillis Kafka timestamp of the observation that triggered this
 *     forecast, so that consumers can measure end-to-end latency
 * @param model the job's name for the model that made it (a built-in such as {@code nvar}, or a
 *     name under {@code models:}): the identity that routing and promotion use, stable across its
 *     versions; null in records written before it was added
 */
public record Forecast(
    String stream,
    long issuedAtMillis,
    String modelId,
    double sampleIntervalMillis,
    int horizonSteps,
    List<String> channels,
    double[][] values,
    long observationKafkaTimestampMillis,
    String model) {}
