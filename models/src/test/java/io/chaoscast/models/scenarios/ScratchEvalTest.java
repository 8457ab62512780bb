package io.chaoscast.models.scenarios;

import io.chaoscast.models.cli.AlertsEvalCommand;
import io.chaoscast.models.drift.AlertPhase;
import io.chaoscast.models.drift.MonitorConfig;
import org.junit.jupiter.api.Test;

class ScratchEvalTest {
  @Test
  void print() {
    String suite = System.getenv().getOrDefault("SUITE", "quick");
    var r = AlertsEvalCommand.run(suite);
    System.out.println(r.toMarkdown());
    for (var o : r.outcomes()) {
      if (o.falseAlarms() == 0) continue;
      Scenario s =
          ScenarioSuite.named(suite).stream()
              .filter(x -> x.name().equals(o.name()))
              .findFirst()
              .get();
      var series = s.generate();
      for (var e :
          ScenarioRunner.monitor(
              s.name(), series.times(), series.values(), MonitorConfig.defaults(), s.seed())) {
        if (e.phase() == AlertPhase.OPEN
            && (Double.isNaN(series.changeAtSeconds())
                || e.timeSeconds() < series.changeAtSeconds()))
          System.out.println(
              "FA " + s.name() + " t=" + e.timeSeconds() + " " + e.kind() + " " + e.signals());
      }
    }
  }
}
