package io.chaoscast.models.scenarios;

import io.chaoscast.models.drift.AlertEvent;
import io.chaoscast.models.drift.AlertPhase;
import io.chaoscast.models.drift.MonitorConfig;
import io.chaoscast.models.drift.StreamMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Runs a {@link StreamMonitor} over a scenario and scores its alerts against the ground truth. */
public final class ScenarioRunner {

  private ScenarioRunner() {}

  /** Every event the monitor emits over the series, in order. */
  public static List<AlertEvent> monitor(
      String stream, double[] times, double[][] values, MonitorConfig config, long seed) {
    StreamMonitor monitor = new StreamMonitor(stream, values[0].length, config, seed);
    List<AlertEvent> events = new ArrayList<>();
    for (int t = 0; t < times.length; t++) events.addAll(monitor.update(times[t], values[t]));
    return events;
  }

  public static ScenarioOutcome run(Scenario s, MonitorConfig config) {
    long start = System.nanoTime();
    ScenarioSeries series = s.generate();
    List<AlertEvent> events = monitor(s.name(), series.times(), series.values(), config, s.seed());
    double dt = s.family().sampleInterval();
    double warmupEnd = config.warmupSamples() * dt;
    double change = series.changeAtSeconds();
    double stationaryEnd =
        Double.isNaN(change) ? series.times()[series.times().length - 1] : change;
    int falseAlarms = 0;
    AlertEvent first = null;
    for (AlertEvent e : events) {
      if (e.phase() != AlertPhase.OPEN) continue;
      if (Double.isNaN(change) || e.timeSeconds() < change) falseAlarms++;
      else if (first == null) first = e;
    }
    double delay = first == null ? Double.NaN : first.timeSeconds() - change;
    String signals =
        first == null
            ? ""
            : first.signals().stream()
                .map(x -> x.signal().key() + "(" + String.join("+", x.detectors()) + ")")
                .collect(Collectors.joining(" "));
    return new ScenarioOutcome(
        s.name(),
        s.family(),
        s.change(),
        s.noiseLevel(),
        s.seed(),
        Math.max(0, stationaryEnd - warmupEnd) / 3600.0,
        falseAlarms,
        first != null,
        delay,
        delay / s.family().timeUnitSeconds(),
        first == null ? "" : first.kind().name(),
        signals,
        (System.nanoTime() - start) / 1e9);
  }
}
