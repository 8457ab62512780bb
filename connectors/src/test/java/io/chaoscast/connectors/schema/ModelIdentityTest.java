package io.chaoscast.connectors.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.serde.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Forecasts and skill records name the model that made them (its job name and version), and records
 * written before those fields existed still read.
 */
class ModelIdentityTest {

  @Test
  void shouldWriteTheModelNameBesideItsVersion() throws Exception {
    var forecast =
        new Forecast("s", 1, "lorenz/v2", 10, 1, List.of("x"), new double[][] {{1}}, 5, "lorenz");
    var skill =
        new ForecastSkill(
            "s",
            1,
            "lorenz/v2",
            10,
            1,
            1,
            2.0,
            new double[] {2},
            new double[] {0.1},
            1,
            0.01,
            "lorenz",
            "challenger");

    var f = Json.mapper().readTree(Json.mapper().writeValueAsBytes(forecast));
    var k = Json.mapper().readTree(Json.mapper().writeValueAsBytes(skill));

    assertThat(f.get("model").asText()).isEqualTo("lorenz");
    assertThat(f.get("model_id").asText()).isEqualTo("lorenz/v2");
    assertThat(k.get("model").asText()).isEqualTo("lorenz");
    assertThat(k.get("role").asText()).isEqualTo("challenger");
  }

  @Test
  void shouldReadRecordsWrittenBeforeTheModelNameWasAdded() throws Exception {
    String oldForecast =
        """
        {"stream": "s", "issued_at_millis": 1, "model_id": "nvar-k2-s1@1",
         "sample_interval_millis": 10.0, "horizon_steps": 1, "channels": null,
         "values": [[1.0]], "observation_kafka_timestamp_millis": 5}
        """;
    String oldSkill =
        """
        {"stream": "s", "issued_at_millis": 1, "model_id": "nvar-k2-s1@1",
         "sample_interval_millis": 10.0, "horizon_steps": 1, "evaluated_steps": 1, "smape": 2.0,
         "smape_by_step": [2.0], "error_by_step": [0.1], "vpt_steps": 1, "vpt_seconds": 0.01}
        """;

    Forecast f = Json.mapper().readValue(oldForecast, Forecast.class);
    ForecastSkill k = Json.mapper().readValue(oldSkill, ForecastSkill.class);

    assertThat(f.modelId()).isEqualTo("nvar-k2-s1@1");
    assertThat(f.model()).isNull();
    assertThat(k.vptSteps()).isEqualTo(1);
    assertThat(k.model()).isNull();
    assertThat(k.role()).isNull();
  }
}
