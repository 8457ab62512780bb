package io.chaoscast.models.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoscast.models.cli.AlertsEvalCommand;
import io.chaoscast.models.cli.AlertsEvalResult;
import org.junit.jupiter.api.Test;

/**
 * The CI check on the quick suite (loose on purpose): every regime change is detected and
 * the stationary controls raise no alert within the run. Delays are not asserted: they are reported
 * in docs/drift.md.
 */
class QuickSuiteTest {

  @Test
  void detectsEveryRegimeChangeWithoutFalseAlarmsOnTheControls() {
    AlertsEvalResult r = AlertsEvalCommand.run("quick");
    assertThat(r.outcomes()).hasSize(ScenarioSuite.quick().size());
    assertThat(r.outcomes())
        .filteredOn(o -> o.change().regimeChange())
        .hasSize(3)
        .allSatisfy(o -> assertThat(o.detected()).as(o.name()).isTrue());
    assertThat(r.outcomes())
        .filteredOn(o -> o.change() == ChangeKind.NONE)
        .hasSize(3)
        .allSatisfy(o -> assertThat(o.falseAlarms()).as(o.name()).isZero());
    assertThat(r.toMarkdown()).contains("| lorenz | parameter | 1 | 1/1 |");
  }
}
