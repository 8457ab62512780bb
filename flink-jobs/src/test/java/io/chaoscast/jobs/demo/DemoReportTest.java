package io.chaoscast.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.connectors.schema.ForecastSkill;
import io.chaoscast.connectors.serde.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoReportTest {

  private static final StreamScorecard.Row PROMOTED =
      new StreamScorecard.Row(
          "lorenz63-0",
          200,
          "nvar",
          1,
          1,
          0,
          76.8,
          "trained-lorenz63-0",
          new StreamScorecard.LiveSkill("nvar", null, 364, 14.11),
          new StreamScorecard.LiveSkill("trained-lorenz63-0", "nvar", 2454, 20.0));

  @Test
  void theBarIsJudgedOnlyWithTheOfflineReference() {
    var without =
        new DemoReport.StreamOutcome(PROMOTED, "lorenz63", 112.14, 200, null, Double.NaN, false);
    var with =
        new DemoReport.StreamOutcome(
            PROMOTED, "lorenz63", 112.14, 200, new DemoReport.Offline("nvar", 3, 20, 0), 1.0, true);

    String rows = DemoReport.markdown(List.of(without, with));

    assertThat(rows.lines().toList().get(2))
        .startsWith("| lorenz63-0 | lorenz63 | 112.14 | 200 (200) | 1 | 1 / 0 | 76.80 |")
        .contains("| 14.11, 364 | nvar, 20.00, 2454 | - | - | - |");
    assertThat(rows.lines().toList().get(3)).endsWith("| 20.00 ± 0.00 | 1.00 | yes |");
  }

  @Test
  void unreadableRecordsAreSkippedAndCountedNotFatal() throws Exception {
    var skill =
        new ForecastSkill(
            "eeg-2", 1000, "nvar", 10, 20, 20, 12.5, null, null, 3, 0.03, "nvar", "champion");
    byte[] good = Json.mapper().writeValueAsBytes(skill);
    List<byte[]> values = new ArrayList<>();
    values.add(good);
    values.add("{\"stream\": \"eeg-2\", \"vpt_st".getBytes(StandardCharsets.UTF_8));
    values.add(null);
    values.add(new byte[0]);
    values.add(good);

    var readable =
        DemoReport.readable(values, v -> Json.mapper().readValue(v, ForecastSkill.class));

    assertThat(readable.values())
        .hasSize(2)
        .allSatisfy(s -> assertThat(s.stream()).isEqualTo("eeg-2"))
        .allSatisfy(s -> assertThat(s.vptSteps()).isEqualTo(3));
    assertThat(readable.skipped()).isEqualTo(3);
    assertThat(readable.firstReason()).contains("JsonEOFException");
  }
}
