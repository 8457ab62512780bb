package io.chaoscast.models.scenarios;

import io.chaoscast.models.drift.AlertEvent;
import io.chaoscast.models.drift.AlertPhase;
import io.chaoscast.models.drift.MonitorConfig;
import io.chaoscast.models.drift.StreamMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
    List<Opening> opens = new ArrayList<>();
    for (AlertEvent e : events) {
      if (e.phase() != AlertPhase.OPEN) continue;
      String signals =
          e.signals().stream()
              .map(x -> x.signal().key() + "(" + String.join("+", x.detectors()) + ")")
              .collect(Collectors.joining(" "));
      opens.add(new Opening(e.timeSeconds(), e.kind().name(), signals));
    }
    return score(s, series, opens, config, (System.nanoTime() - start) / 1e9);
  }

  /**
   * An alert opening as scoring sees it, from the offline monitor or from the job's alerts topic.
   *
   * @param timeSeconds stream time of the OPEN event, on the scenario's clock
   * @param kind the alert kind
   * @param signals the signals behind it, for the report
   */
  public record Opening(double timeSeconds, String kind, String signals) {}

  /**
   * Scores the openings of one scenario (in time order) against its ground truth: openings before
   * the change (all of them for a control) are false alarms, the first one at or after it is the
   * detection. A labelled anomaly ({@link ChangeKind#SPIKE}) is detected only by an opening inside
   * its window; openings after the window are false alarms.
   */
  public static ScenarioOutcome score(
      Scenario s,
      ScenarioSeries series,
      List<Opening> opens,
      MonitorConfig config,
      double wallSeconds) {
    double dt = s.family().sampleInterval();
    double change = series.changeAtSeconds();
    // monitored samples before the change (or to the end), at the sampling interval: a hole of
    // missing values is not monitored time
    int before = 0;
    for (double t : series.times()) if (Double.isNaN(change) || t < change) before++;
    double stationarySeconds = Math.max(0, before - config.warmupSamples()) * dt;
    Map<String, Integer> falseAlarms = new TreeMap<>();
    Opening first = null;
    double windowEnd =
        s.change() == ChangeKind.SPIKE ? series.changeEndSeconds() : Double.POSITIVE_INFINITY;
    for (Opening e : opens) {
      boolean beforeChange = Double.isNaN(change) || e.timeSeconds() < change;
      if (beforeChange || (e.timeSeconds() > windowEnd && first == null)) {
        falseAlarms.merge(e.kind(), 1, Integer::sum);
      } else if (e.timeSeconds() <= windowEnd && first == null) {
        first = e;
      }
    }
    double delay = first == null ? Double.NaN : first.timeSeconds() - change;
    return new ScenarioOutcome(
        s.name(),
        s.family(),
        s.change(),
        s.noiseLevel(),
        s.seed(),
        stationarySeconds / 3600.0,
        falseAlarms.values().stream().mapToInt(Integer::intValue).sum(),
        falseAlarms.entrySet().stream()
            .map(k -> k.getKey() + " " + k.getValue())
            .collect(Collectors.joining(", ")),
        first != null,
        delay,
        delay / s.family().timeUnitSeconds(),
        first == null ? "" : first.kind(),
        first == null ? "" : first.signals(),
        wallSeconds);
  }
}
