package io.chaoscast.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

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
}
