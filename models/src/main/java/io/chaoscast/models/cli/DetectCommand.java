package io.chaoscast.models.cli;

import io.chaoscast.models.drift.AlertEvent;
import io.chaoscast.models.drift.AlertKind;
import io.chaoscast.models.drift.AlertPhase;
import io.chaoscast.models.drift.MonitorConfig;
import io.chaoscast.models.drift.StreamMonitor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./forecaster detect --csv FILE [--json]}: runs the same {@link StreamMonitor} as the
 * streaming job, with the same defaults ({@link MonitorConfig#defaults()}, seed 0), over a recorded
 * series and pairs its OPEN and RESOLVED events into alerts.
 */
public final class DetectCommand {

  /** Seed of the monitor's KSWIN draws; fixed so that a file always gives the same alerts. */
  public static final long SEED = 0;

  private DetectCommand() {}

  public static DetectResult detect(Path csv) throws IOException {
    return detect(CsvSeries.read(csv), csv.getFileName().toString(), MonitorConfig.defaults());
  }

  public static DetectResult detect(CsvSeries series, String stream, MonitorConfig config) {
    int channels = series.channelNames().size();
    StreamMonitor monitor = new StreamMonitor(stream, channels, config, SEED);
    double[] times = series.times();
    Map<AlertKind, AlertEvent> open = new EnumMap<>(AlertKind.class);
    List<DetectResult.Alert> alerts = new ArrayList<>();
    for (int t = 0; t < times.length; t++) {
      for (AlertEvent e : monitor.update(times[t], series.values()[t])) {
        if (e.phase() == AlertPhase.OPEN) {
          open.put(e.kind(), e);
        } else {
          open.remove(e.kind());
          alerts.add(alert(e, e.timeSeconds()));
        }
      }
    }
    for (AlertEvent e : open.values()) alerts.add(alert(e, Double.NaN));
    alerts.sort((a, b) -> Double.compare(a.openedAtSeconds(), b.openedAtSeconds()));
    double warmupEnd =
        times.length > config.warmupSamples() ? times[config.warmupSamples()] : Double.NaN;
    return new DetectResult(stream, times.length, channels, warmupEnd, alerts);
  }

  private static DetectResult.Alert alert(AlertEvent e, double resolvedAt) {
    return new DetectResult.Alert(
        e.kind(), e.severity(), e.openedAtSeconds(), resolvedAt, e.sinceSeconds(), e.signals());
  }
}
