package io.chaoscast.jobs.forecast;

import io.chaoscast.connectors.schema.SourceRecord;
import io.chaoscast.jobs.routing.Router;
import java.util.List;

/**
 * A stream's context window, ready for the model: what {@link ForecastFunction} hands to the
 * batching stage.
 *
 * @param context oldest sample first, [contextLength][channels]
 * @param source the observation that completed the window, as it arrived: what goes to the
 *     dead-letter topic when forecasting this window fails (null in tests that need none)
 * @param route the stream's champion and challenger after a promotion or demotion ({@link
 *     io.chaoscast.jobs.promotion.RouteOverrides}); null: the configured routing rules decide
 */
public record ForecastRequest(
    String stream,
    long issuedAtMillis,
    double sampleIntervalMillis,
    List<String> channels,
    double[][] context,
    long observationKafkaTimestampMillis,
    SourceRecord source,
    Router.Route route) {

  /** Routed by the configured rules. */
  public ForecastRequest(
      String stream,
      long issuedAtMillis,
      double sampleIntervalMillis,
      List<String> channels,
      double[][] context,
      long observationKafkaTimestampMillis,
      SourceRecord source) {
    this(
        stream,
        issuedAtMillis,
        sampleIntervalMillis,
        channels,
        context,
        observationKafkaTimestampMillis,
        source,
        null);
  }

  /** This request, routed to {@code r} instead of by the rules. */
  public ForecastRequest withRoute(Router.Route r) {
    return new ForecastRequest(
        stream,
        issuedAtMillis,
        sampleIntervalMillis,
        channels,
        context,
        observationKafkaTimestampMillis,
        source,
        r);
  }

  public int channelCount() {
    return context[0].length;
  }
}
