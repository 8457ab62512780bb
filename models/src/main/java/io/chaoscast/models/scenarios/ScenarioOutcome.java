package io.chaoscast.models.scenarios;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the monitor did on one scenario (definitions in docs/drift.md, "Evaluation").
 *
 * @param name the scenario's name
 * @param family system
 * @param change ground truth
 * @param noiseLevel observation noise relative to the channel standard deviation
 * @param seed scenario seed
 * @param stationaryHours stream time monitored before the change (or to the end of a control), in
 *     hours, after the warm-up
 * @param falseAlarms alerts opened in that stationary time
 * @param falseAlarmKinds how many of them of each kind, e.g. {@code "FLAT_LINE 2, ANOMALY 1"}
 *     (kinds by name; "" if none)
 * @param detected whether an alert opened at or after the change point (false for controls)
 * @param delaySeconds first such opening minus the change time (NaN if none)
 * @param delayUnits the same in the family's time unit (Lyapunov times or seconds)
 * @param firstKind the kind of the first alert after the change ("" if none)
 * @param firstSignals the signals behind it ("" if none)
 * @param wallSeconds time taken to generate and monitor the series
 */
public record ScenarioOutcome(
    String name,
    SystemFamily family,
    ChangeKind change,
    double noiseLevel,
    long seed,
    double stationaryHours,
    int falseAlarms,
    String falseAlarmKinds,
    boolean detected,
    double delaySeconds,
    double delayUnits,
    String firstKind,
    String firstSignals,
    double wallSeconds) {

  /** A flat JSON-friendly map (snake_case keys). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("family", family.name());
    m.put("change", change.name());
    m.put("noise_level", noiseLevel);
    m.put("seed", seed);
    m.put("stationary_hours", stationaryHours);
    m.put("false_alarms", falseAlarms);
    m.put("false_alarm_kinds", falseAlarmKinds);
    m.put("detected", detected);
    m.put("delay_seconds", Double.isFinite(delaySeconds) ? delaySeconds : null);
    m.put("delay_units", Double.isFinite(delayUnits) ? delayUnits : null);
    m.put("first_kind", firstKind);
    m.put("first_signals", firstSignals);
    m.put("wall_seconds", wallSeconds);
    return m;
  }

  public static ScenarioOutcome fromMap(Map<String, Object> m) {
    return new ScenarioOutcome(
        (String) m.get("name"),
        SystemFamily.valueOf((String) m.get("family")),
        ChangeKind.valueOf((String) m.get("change")),
        num(m.get("noise_level")),
        ((Number) m.get("seed")).longValue(),
        num(m.get("stationary_hours")),
        ((Number) m.get("false_alarms")).intValue(),
        (String) m.getOrDefault("false_alarm_kinds", ""), // absent in results written before it
        (Boolean) m.get("detected"),
        num(m.get("delay_seconds")),
        num(m.get("delay_units")),
        (String) m.get("first_kind"),
        (String) m.get("first_signals"),
        num(m.get("wall_seconds")));
  }

  private static double num(Object o) {
    return o == null ? Double.NaN : ((Number) o).doubleValue();
  }
}
