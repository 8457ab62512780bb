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
 * {@code ./forecaster detect --csv FILE [--config JOB.yaml] [--drift KEY=VALUE]... [--json]}: runs
 * the same {@link StreamMonitor} as the streaming job, with the same settings (the defaults {@link
 * MonitorConfig#defaults()}, or the drift section of a job file), seed 0, over a recorded series,
 * pairs its OPEN and RESOLVED events into alerts and reports the sample from which the stream was
 * monitored.
 */
public final class DetectCommand {

  /** Seed of the monitor's KSWIN draws; fixed so that a file always gives the same alerts. */
  public static final long SEED = 0;

  private DetectCommand() {}

  public static DetectResult detect(Path csv) throws IOException {
    return detect(csv, MonitorConfig.defaults());
  }

  /** Under the given settings (the job's drift settings, for {@code detect --config}). */
  public static DetectResult detect(Path csv, MonitorConfig config) throws IOException {
    return detect(CsvSeries.read(csv), csv.getFileName().toString(), config);
  }

  public static DetectResult detect(CsvSeries series, String stream, MonitorConfig config) {
    int channels = series.channelNames().size();
    StreamMonitor monitor = new StreamMonitor(stream, channels, config, SEED);
    double[] times = series.times();
    Map<AlertKind, AlertEvent> open = new EnumMap<>(AlertKind.class);
    List<DetectResult.Alert> alerts = new ArrayList<>();
    int monitoredFrom = -1;
    for (int t = 0; t < times.length; t++) {
      // the warm-up ends by count or by stream time (MonitorConfig): ask the monitor
      if (monitoredFrom < 0 && monitor.monitoring()) monitoredFrom = t;
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
    double warmupEnd = monitoredFrom < 0 ? Double.NaN : times[monitoredFrom];
    return new DetectResult(stream, times.length, channels, warmupEnd, monitoredFrom, alerts);
  }

  private static DetectResult.Alert alert(AlertEvent e, double resolvedAt) {
    return new DetectResult.Alert(
        e.kind(), e.severity(), e.openedAtSeconds(), resolvedAt, e.sinceSeconds(), e.signals());
  }
}
