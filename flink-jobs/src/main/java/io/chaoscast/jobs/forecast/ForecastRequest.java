package io.chaoscast.jobs.forecast;

import io.chaoscast.connectors.schema.SourceRecord;
import java.util.List;

/**
 * A stream's context window, ready for the model: what {@link ForecastFunction} hands to the
 * batching stage.
 *
 * @param context oldest sample first, [contextLength][channels]
 * @param source the observation that completed the window, as it arrived: what goes to the
 *     dead-letter topic when forecasting this window fails (null in tests that need none)
 */
public record ForecastRequest(
    String stream,
    long issuedAtMillis,
    double sampleIntervalMillis,
    List<String> channels,
    double[][] context,
    long observationKafkaTimestampMillis,
    SourceRecord source) {

  public int channelCount() {
    return context[0].length;
  }
}
