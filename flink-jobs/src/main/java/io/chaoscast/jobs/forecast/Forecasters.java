package io.chaoscast.jobs.forecast;

import io.chaoscast.jobs.config.JobConfig.ForecastSettings;
import io.chaoscast.models.baselines.NvarForecaster;
import io.chaoscast.models.forecast.Forecaster;
import io.chaoscast.models.forecast.ParrotForecaster;
import io.chaoscast.models.forecast.PersistenceForecaster;

/** Builds the configured forecaster. */
public final class Forecasters {

  private Forecasters() {}

  public static Forecaster fromSettings(ForecastSettings s) {
    return switch (s.model()) {
      case "nvar" -> new NvarForecaster(s.embeddingDimension(), s.embeddingDelay(), s.ridge());
      case "parrot" -> new ParrotForecaster(s.parrotCoordinates(), s.parrotDelay());
      case "persistence" -> new PersistenceForecaster();
      default -> throw new IllegalArgumentException("unknown model " + s.model());
    };
  }
}
