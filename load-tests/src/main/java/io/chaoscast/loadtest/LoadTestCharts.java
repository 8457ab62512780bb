package io.chaoscast.loadtest;

import io.chaoscast.models.charts.Chart;
import io.chaoscast.models.charts.Panel;
import io.chaoscast.models.charts.Series;
import io.chaoscast.models.charts.Threshold;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The load-test report's charts: throughput and latency percentiles over each run's time. */
public final class LoadTestCharts {

  private LoadTestCharts() {}

  /** Writes {@code throughput.png} and {@code latency.png} into {@code dir}. */
  public static void write(Path dir, LoadTestResult result) throws IOException {
    new Chart(
            "Throughput",
            "seconds since the run started",
            List.of(
                Panel.lines("events/s consumed", series(result, TimelinePoint::eventsPerS))
                    .withThresholds(List.of(new Threshold("offered", result.offeredEventsPerS()))),
                Panel.lines("lag (events)", series(result, TimelinePoint::lag))))
        .writePng(dir.resolve("throughput.png"), 900, 600);
    new Chart(
            "End-to-end latency per progress interval",
            "seconds since the run started",
            List.of(
                Panel.lines("p50 ms", series(result, TimelinePoint::latencyMsP50)),
                Panel.lines("p99 ms", series(result, TimelinePoint::latencyMsP99))))
        .writePng(dir.resolve("latency.png"), 900, 600);
  }

  private static List<Series> series(LoadTestResult result, ToDoubleFunction<TimelinePoint> y) {
    List<Series> out = new ArrayList<>();
    for (JobRun run : result.runs()) {
      var points = run.timeline();
      double[] xs = new double[points.size()];
      double[] ys = new double[points.size()];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = points.get(i).atS();
        ys[i] = y.applyAsDouble(points.get(i));
      }
      out.add(new Series(run.label(), xs, ys));
    }
    return out;
  }
}
