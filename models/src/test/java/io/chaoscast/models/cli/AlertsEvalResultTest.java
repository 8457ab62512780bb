package io.chaoscast.models.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.models.scenarios.ChangeKind;
import io.chaoscast.models.scenarios.ScenarioOutcome;
import io.chaoscast.models.scenarios.SystemFamily;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertsEvalResultTest {

  @Test
  void shouldReportMedianAndNearestRankP90DelaysInSecondsAndUnitsAndFalseAlarmsPerHour() {
    List<ScenarioOutcome> outcomes = new ArrayList<>();
    // Ten EEG seizure scenarios detected after 1..10 s (unit: seconds), one missed.
    for (int i = 1; i <= 10; i++) {
      outcomes.add(
          new ScenarioOutcome(
              "p" + i,
              SystemFamily.JANSEN_RIT,
              ChangeKind.PARAMETER,
              0,
              i,
              0.1,
              0,
              "",
              true,
              i,
              i,
              "DYNAMICS_DRIFT",
              "",
              0));
    }
    outcomes.add(
        new ScenarioOutcome(
            "missed",
            SystemFamily.JANSEN_RIT,
            ChangeKind.PARAMETER,
            0,
            11,
            0.1,
            1,
            "ANOMALY 1",
            false,
            Double.NaN,
            Double.NaN,
            "",
            "",
            0));
    // A control: 3 false alarms in 1.9 hours; all together 4 in 3.0 hours.
    outcomes.add(
        new ScenarioOutcome(
            "control",
            SystemFamily.JANSEN_RIT,
            ChangeKind.NONE,
            0,
            1,
            1.9,
            3,
            "DYNAMICS_DRIFT 1, FLAT_LINE 2",
            false,
            Double.NaN,
            Double.NaN,
            "",
            "",
            0));
    var r = new AlertsEvalResult("test", outcomes);

    assertThat(AlertsEvalResult.p90(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})).isEqualTo(9);
    assertThat(r.toMarkdown())
        .contains(
            "| jansen_rit | parameter | 11 | 10/11 | 5.50 | 9.00 | 5.50 | 9.00 | seconds | 1 |"
                + " 1.10 | 0.91 |")
        .contains("| jansen_rit | none | 1 | - | - | - | - | - | seconds | 3 | 1.90 | 1.58 |")
        .contains("4 false alarms in 3.00 stationary stream-hours (1.33 per stream-hour)");
    assertThat(r.toMarkdownDetail())
        .contains("| control | - | - |   | 3 (DYNAMICS_DRIFT 1, FLAT_LINE 2) |")
        .contains("| p1 | yes | 1.00 seconds | DYNAMICS_DRIFT  | 0 |");
    assertThat(r.missed()).extracting(ScenarioOutcome::name).containsExactly("missed");
  }
}
