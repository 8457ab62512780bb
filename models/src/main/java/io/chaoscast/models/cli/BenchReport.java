package io.chaoscast.models.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code ./forecaster bench} produced: one row per (system, model) unit, and the Markdown
 * table written to {@code table}.
 */
public record BenchReport(List<Row> rows, Path table, int unitsRun, int unitsSkipped) {

  /** One unit's scores under the protocol (means over origins; VPT median and quartiles). */
  public record Row(
      String system,
      String model,
      double vptLyapunov,
      double vptLyapunovMedian,
      double vptLyapunovQ25,
      double vptLyapunovQ75,
      double smape1lt,
      double smape4lt,
      double smape10lt,
      double dFrac,
      double dStsp,
      double trainSeconds,
      int origins) {}

  public BenchReport {
    rows = List.copyOf(rows);
  }

  public Optional<Row> row(String system, String model) {
    return rows.stream()
        .filter(r -> r.system().equals(system) && r.model().equals(model))
        .findFirst();
  }
}
