package io.chaoscast.connectors.kafka;

/** Default topic names; every one can be overridden in the job configuration. */
public final class Topics {

  public static final String OBSERVATIONS = "observations";
  public static final String FORECASTS = "forecasts";
  public static final String ALERTS = "alerts";
  public static final String DEAD_LETTERS = "observations.dlq";
  public static final String SKILL = "forecast-skill";

  private Topics() {}
}
