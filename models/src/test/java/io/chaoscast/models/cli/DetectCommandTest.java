package io.chaoscast.models.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoscast.models.scenarios.ChangeKind;
import io.chaoscast.models.scenarios.Scenario;
import io.chaoscast.models.scenarios.ScenarioSeries;
import io.chaoscast.models.scenarios.SystemFamily;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectCommandTest {

  @TempDir Path dir;

  @Test
  void reportsTheSeizureOnsetOfARecordedEegAsJsonAlerts() throws Exception {
    ScenarioSeries s =
        new Scenario(SystemFamily.JANSEN_RIT, ChangeKind.PARAMETER, 0.02, 16_000, 14_000, 1)
            .generate();
    Path csv = dir.resolve("eeg.csv");
    new CsvSeries(List.of("eeg_mv"), s.times(), s.values()).write(csv);

    DetectResult r = DetectCommand.detect(csv);
    assertThat(r.alerts()).isNotEmpty();
    assertThat(r.alerts().get(0).openedAtSeconds())
        .isBetween(s.changeAtSeconds(), s.changeAtSeconds() + 2);

    JsonNode json = new ObjectMapper().readTree(r.toJson());
    JsonNode first = json.get("alerts").get(0);
    assertThat(first.get("kind").asText())
        .isIn("DYNAMICS_DRIFT", "FORECAST_SKILL_DRIFT", "ROLLOUT_INSTABILITY");
    assertThat(first.get("opened_at_seconds").asDouble())
        .isGreaterThanOrEqualTo(s.changeAtSeconds());
    assertThat(first.has("resolved_at_seconds")).isTrue();
    assertThat(first.get("signals").get(0).get("detectors")).isNotEmpty();
    assertThat(r.toText()).contains("opened");
  }

  @Test
  void saysNothingWasMonitoredWhenTheSeriesIsShorterThanTheWarmUp() throws Exception {
    ScenarioSeries s =
        new Scenario(SystemFamily.LORENZ, ChangeKind.NONE, 0.0, 500, 0, 1).generate();
    Path csv = dir.resolve("short.csv");
    new CsvSeries(List.of("x", "y", "z"), s.times(), s.values()).write(csv);
    DetectResult r = DetectCommand.detect(csv);
    assertThat(r.monitored()).isFalse();
    assertThat(r.alerts()).isEmpty();
    assertThat(new ObjectMapper().readTree(r.toJson()).get("warmup_end_seconds").isNull()).isTrue();
    assertThat(r.toText()).contains("nothing monitored");
  }
}
