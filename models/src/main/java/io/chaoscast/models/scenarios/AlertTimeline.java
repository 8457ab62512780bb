package io.chaoscast.models.scenarios;

import io.chaoscast.models.charts.Band;
import io.chaoscast.models.charts.Chart;
import io.chaoscast.models.charts.Panel;
import io.chaoscast.models.charts.Series;
import io.chaoscast.models.charts.Threshold;
import io.chaoscast.models.drift.AlertEvent;
import io.chaoscast.models.drift.AlertPhase;
import io.chaoscast.models.drift.BlockSignals;
import io.chaoscast.models.drift.MonitorConfig;
import io.chaoscast.models.drift.Signal;
import io.chaoscast.models.drift.StreamMonitor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The picture of one scenario for {@code alerts-eval}: the series (channel 0), every signal's
 * excursion z block by block with the open threshold {@code open_z}, the alerts as shaded intervals
 * (OPEN to RESOLVED, or to the end) and the true change as a marked interval. Drawn from the same
 * {@link StreamMonitor} code and defaults the job runs.
 */
public final class AlertTimeline {

  private static final int MAX_SERIES_POINTS = 4000;

  private AlertTimeline() {}

  public static void write(Path png, Scenario s, MonitorConfig config) throws IOException {
    ScenarioSeries series = s.generate();
    double[] times = series.times();
    StreamMonitor monitor =
        new StreamMonitor(s.name(), series.values()[0].length, config, s.seed());
    Map<Signal, List<double[]>> z = new EnumMap<>(Signal.class);
    for (Signal sig : Signal.values()) z.put(sig, new ArrayList<>());
    List<Band> alerts = new ArrayList<>();
    Map<String, Double> openSince = new HashMap<>();
    BlockSignals last = null;
    for (int t = 0; t < times.length; t++) {
      for (AlertEvent e : monitor.update(times[t], series.values()[t])) {
        String kind = e.kind().name();
        if (e.phase() == AlertPhase.OPEN) openSince.put(kind, e.timeSeconds());
        else if (openSince.containsKey(kind)) {
          alerts.add(new Band(kind, openSince.remove(kind), e.timeSeconds()));
        }
      }
      BlockSignals b = monitor.lastSignals();
      if (b != null && b != last && b.z() != null) {
        for (Signal sig : Signal.values()) {
          z.get(sig).add(new double[] {b.timeSeconds(), b.z(sig)});
        }
        last = b;
      }
    }
    double end = times[times.length - 1];
    openSince.forEach((kind, since) -> alerts.add(new Band(kind, since, end)));
    List<Band> marks = new ArrayList<>(alerts);
    if (Double.isFinite(series.changeAtSeconds())) {
      double to =
          Double.isFinite(series.changeEndSeconds())
              ? series.changeEndSeconds()
              : series.changeAtSeconds() + (end - times[0]) / 200;
      marks.add(new Band("change", series.changeAtSeconds(), to));
    }
    List<Series> signals = new ArrayList<>();
    z.forEach(
        (sig, points) -> {
          double[] x = new double[points.size()];
          double[] y = new double[points.size()];
          for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
          }
          signals.add(new Series(sig.key(), x, y));
        });
    new Chart(
            s.name() + ": signals, threshold, alerts",
            "time (s)",
            List.of(
                Panel.lines("x0", List.of(channel0(series))).withBands(marks),
                Panel.lines("excursion z", signals)
                    .withThresholds(List.of(new Threshold("open_z", config.openZ())))
                    .withBands(marks)))
        .writePng(png, 1000, 650);
  }

  private static Series channel0(ScenarioSeries series) {
    int n = series.times().length;
    int stride = Math.max(1, n / MAX_SERIES_POINTS);
    int m = (n + stride - 1) / stride;
    double[] x = new double[m];
    double[] y = new double[m];
    for (int i = 0; i < m; i++) {
      x[i] = series.times()[i * stride];
      y[i] = series.values()[i * stride][0];
    }
    return new Series("x0", x, y);
  }
}
