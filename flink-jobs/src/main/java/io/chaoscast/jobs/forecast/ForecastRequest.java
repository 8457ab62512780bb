package io.chaoscast.jobs.forecast;

import java.util.List;

/**
 * A stream's context window, ready for the model: what {@link ForecastFunction} hands to the
 * batching stage.
 *
 * @param context oldest sample first, [contextLength][channels]
 */
public record ForecastRequest(
    String stream,
    long issuedAtMillis,
    double sampleIntervalMillis,
    List<String> channels,
    double[][] context,
    long observationKafkaTimestampMillis) {

  public int channelCount() {
    return context[0].length;
  }
}
