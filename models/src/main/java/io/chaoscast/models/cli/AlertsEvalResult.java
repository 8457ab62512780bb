package io.chaoscast.models.cli;

import io.chaoscast.models.scenarios.ChangeKind;
import io.chaoscast.models.scenarios.ScenarioOutcome;
import io.chaoscast.models.scenarios.SystemFamily;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What {@code ./forecaster alerts-eval} reports: one {@link ScenarioOutcome} per scenario and the
 * summary per (system, change): detections, median and 90th-percentile delay (nearest rank) in
 * seconds of stream time and in the family's time unit (Lyapunov times, or seconds for the EEG
 * model), and false alarms per stream-hour over all stationary time (controls and the pre-change
 * part of every scenario, after the warm-up).
 */
public record AlertsEvalResult(String suite, List<ScenarioOutcome> outcomes) {

  public AlertsEvalResult {
    outcomes = List.copyOf(outcomes);
  }

  public int falseAlarms() {
    return outcomes.stream().mapToInt(ScenarioOutcome::falseAlarms).sum();
  }

  public double stationaryHours() {
    return outcomes.stream().mapToDouble(ScenarioOutcome::stationaryHours).sum();
  }

  /** False alarms per stream-hour of stationary monitoring (NaN with no stationary time). */
  public double falseAlarmsPerStreamHour() {
    double h = stationaryHours();
    return h > 0 ? falseAlarms() / h : Double.NaN;
  }

  /** Scenarios with a change (any kind) that raised no alert after the change point. */
  public List<ScenarioOutcome> missed() {
    return outcomes.stream().filter(o -> o.change().expectsAlert() && !o.detected()).toList();
  }

  /** The Markdown table written to docs/drift.md. */
  public String toMarkdown() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "| system | change | scenarios | detected | delay median (s) | delay p90 (s) |"
            + " delay median (unit) | delay p90 (unit) | unit | false alarms |"
            + " stationary stream-hours | FA per stream-hour |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (SystemFamily f : SystemFamily.values()) {
      for (ChangeKind c : ChangeKind.values()) {
        List<ScenarioOutcome> group =
            outcomes.stream().filter(o -> o.family() == f && o.change() == c).toList();
        if (group.isEmpty()) continue;
        double[] delays =
            group.stream()
                .filter(ScenarioOutcome::detected)
                .mapToDouble(ScenarioOutcome::delayUnits)
                .sorted()
                .toArray();
        double[] seconds =
            group.stream()
                .filter(ScenarioOutcome::detected)
                .mapToDouble(ScenarioOutcome::delaySeconds)
                .sorted()
                .toArray();
        boolean none = !c.expectsAlert() || delays.length == 0;
        int fa = group.stream().mapToInt(ScenarioOutcome::falseAlarms).sum();
        double hours = group.stream().mapToDouble(ScenarioOutcome::stationaryHours).sum();
        boolean control = !c.expectsAlert();
        sb.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %d | %s | %s | %s | %s | %s | %s | %d | %.2f | %s |\n",
                f.name().toLowerCase(Locale.ROOT),
                c.name().toLowerCase(Locale.ROOT),
                group.size(),
                control ? "-" : delays.length + "/" + group.size(),
                none ? "-" : fmt(median(seconds)),
                none ? "-" : fmt(p90(seconds)),
                none ? "-" : fmt(median(delays)),
                none ? "-" : fmt(p90(delays)),
                f.timeUnit(),
                fa,
                hours,
                hours > 0 ? fmt(fa / hours) : "-"));
      }
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "\nOverall: %d of %d changed streams detected; %d false alarms in %.2f stationary"
                + " stream-hours (%s per stream-hour).\n",
            outcomes.stream().filter(o -> o.change().expectsAlert() && o.detected()).count(),
            outcomes.stream().filter(o -> o.change().expectsAlert()).count(),
            falseAlarms(),
            stationaryHours(),
            fmt(falseAlarmsPerStreamHour())));
    return sb.toString();
  }

  /** 90th percentile by nearest rank: the ceil(0.9 n)-th smallest of the sorted values. */
  static double p90(double[] sorted) {
    return sorted[(int) Math.ceil(0.9 * sorted.length) - 1];
  }

  /** One row per scenario, for the detail section. */
  public String toMarkdownDetail() {
    StringBuilder sb =
        new StringBuilder("| scenario | detected | delay | first alert | false alarms |\n");
    sb.append("|---|---|---|---|---|\n");
    for (ScenarioOutcome o : outcomes) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s %s | %d%s |\n",
              o.name(),
              !o.change().expectsAlert() ? "-" : o.detected() ? "yes" : "**no**",
              o.detected() ? fmt(o.delayUnits()) + " " + o.family().timeUnit() : "-",
              o.firstKind(),
              o.firstSignals(),
              o.falseAlarms(),
              o.falseAlarmKinds().isEmpty() ? "" : " (" + o.falseAlarmKinds() + ")"));
    }
    return sb.toString();
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
  }

  private static String fmt(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "-";
  }

  /** Outcomes as JSON-friendly maps. */
  public List<Object> toJsonList() {
    List<Object> list = new ArrayList<>();
    for (ScenarioOutcome o : outcomes) list.add(o.toMap());
    return list;
  }

  @Override
  public String toString() {
    return "AlertsEvalResult["
        + suite
        + ", "
        + outcomes.size()
        + " scenarios, "
        + Arrays.toString(new double[] {falseAlarms(), stationaryHours()})
        + "]";
  }
}
