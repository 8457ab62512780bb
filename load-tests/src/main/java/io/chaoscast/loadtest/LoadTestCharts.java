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

/**
 * The load-test report's charts: throughput and latency percentiles over each run's time, and the
 * capacity search's p99 against offered rate.
 */
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

  /**
   * Writes the capacity chart: one line per job of p99 latency against offered rate, and the bound
   * as a line of its own (a marker outside the data's range would not be drawn). A ladder ends at a
   * rate not held, whose p99 may be orders of magnitude above the bound, so a second panel shows
   * only what is within {@value #ZOOM} times the bound.
   */
  public static void capacity(Path file, List<Series> p99AgainstRate, double p99BoundMs)
      throws IOException {
    double highestRate = 0;
    for (Series s : p99AgainstRate) for (double x : s.x()) highestRate = Math.max(highestRate, x);
    List<Series> all = new ArrayList<>(p99AgainstRate);
    List<Series> zoomed = new ArrayList<>();
    for (Series s : p99AgainstRate) {
      double[] y = s.y().clone();
      for (int i = 0; i < y.length; i++) if (y[i] > ZOOM * p99BoundMs) y[i] = Double.NaN;
      zoomed.add(new Series(s.name(), s.x(), y));
    }
    if (highestRate > 0) {
      // from 0, so the line shows even when every run was at one rate
      var bound =
          new Series(
              "p99 bound", new double[] {0, highestRate}, new double[] {p99BoundMs, p99BoundMs});
      all.add(bound);
      zoomed.add(bound);
    }
    new Chart(
            "p99 end-to-end latency against offered rate",
            "offered events/s",
            List.of(
                Panel.lines("p99 ms", all),
                Panel.lines("p99 ms (up to " + (int) ZOOM + " x bound)", zoomed)))
        .writePng(file, 900, 600);
  }

  private static final double ZOOM = 4;

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
