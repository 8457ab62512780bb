package io.chaoscast.loadtest;

import io.chaoscast.models.charts.Chart;
import io.chaoscast.models.charts.Panel;
import io.chaoscast.models.charts.Series;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Whether a soak run's heap, state and lag stayed bounded: each quantity's least-squares slope over
 * the first and the last half of the samples. A quantity counts as bounded when its last-half slope
 * is at most half its first-half slope (growth levels off), or when that slope, kept up for the
 * whole run, would move it by less than 20% of its last-half mean or less than its noise floor (it
 * is flat anyway; the floor keeps a lag that wobbles around a few dozen records from counting as
 * growth).
 */
public final class SoakReport {

  /** One quantity's verdict. */
  public record Trend(
      String name,
      double firstHalfMean,
      double lastHalfMean,
      double firstSlope,
      double lastSlope,
      boolean bounded) {}

  private SoakReport() {}

  public static List<SoakSample> read(Path csv) throws IOException {
    return Files.readAllLines(csv).stream()
        .skip(1)
        .filter(l -> !l.isBlank())
        .map(SoakSample::fromCsv)
        .toList();
  }

  /**
   * @param offeredEventsPerS the load offered: one second of it is the lag's noise floor
   */
  public static List<Trend> trends(List<SoakSample> samples, double offeredEventsPerS) {
    return List.of(
        trend("heap after GC (MB)", samples, SoakSample::heapAfterGcMb, 16),
        trend("checkpoint size (bytes)", samples, SoakSample::checkpointBytes, 1 << 20),
        trend("live streams", samples, SoakSample::liveStreams, 1),
        trend("lag (records)", samples, SoakSample::lag, offeredEventsPerS));
  }

  static Trend trend(
      String name, List<SoakSample> samples, ToDoubleFunction<SoakSample> y, double floor) {
    int half = samples.size() / 2;
    var first = samples.subList(0, half);
    var last = samples.subList(half, samples.size());
    double runMinutes =
        samples.isEmpty() ? 0 : (samples.get(samples.size() - 1).atS() - samples.get(0).atS()) / 60;
    double s1 = slopePerMinute(first, y);
    double s2 = slopePerMinute(last, y);
    double m2 = mean(last, y);
    boolean bounded =
        s2 <= 0 || s2 <= 0.5 * s1 || s2 * runMinutes < Math.max(0.2 * Math.abs(m2), floor);
    return new Trend(name, mean(first, y), m2, s1, s2, bounded);
  }

  private static double mean(List<SoakSample> s, ToDoubleFunction<SoakSample> y) {
    return s.stream().mapToDouble(y).average().orElse(Double.NaN);
  }

  /** Least-squares slope of y over time, per minute (NaN with fewer than two samples). */
  static double slopePerMinute(List<SoakSample> s, ToDoubleFunction<SoakSample> y) {
    if (s.size() < 2) return Double.NaN;
    double mx = s.stream().mapToDouble(SoakSample::atS).average().orElseThrow();
    double my = mean(s, y);
    double sxy = 0;
    double sxx = 0;
    for (SoakSample p : s) {
      double dx = p.atS() - mx;
      sxy += dx * (y.applyAsDouble(p) - my);
      sxx += dx * dx;
    }
    return sxx == 0 ? 0 : 60 * sxy / sxx;
  }

  public static String toMarkdown(
      String command, String load, double offeredEventsPerS, List<SoakSample> samples) {
    var sb = new StringBuilder("# Soak test\n\n");
    sb.append("Command: `").append(command).append("`\n\n");
    sb.append(load).append("\n\n");
    if (samples.isEmpty()) return sb.append("No samples were taken.\n").toString();
    SoakSample end = samples.get(samples.size() - 1);
    sb.append(
        String.format(
            Locale.ROOT,
            "%d samples over %.0f s; %d records dead-lettered; samples in `soak.csv`, chart"
                + " `soak.png`.%n%n",
            samples.size(),
            end.atS(),
            end.deadLetters()));
    sb.append("| quantity | first-half mean | last-half mean | first-half slope /min |")
        .append(" last-half slope /min | bounded |\n|---|---|---|---|---|---|\n");
    for (Trend t : trends(samples, offeredEventsPerS)) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f | %.1f | %.2f | %.2f | %s |%n",
              t.name(),
              t.firstHalfMean(),
              t.lastHalfMean(),
              t.firstSlope(),
              t.lastSlope(),
              t.bounded() ? "yes" : "**no**"));
    }
    sb.append(
        "\nBounded: the last half's slope is at most half the first half's, or kept up for the"
            + " whole run it would move the quantity by less than 20% of its last-half mean or less"
            + " than its noise floor (heap 16 MB, checkpoint 1 MB, 1 stream, lag one second of the"
            + " offered load).\n");
    return sb.toString();
  }

  /** Writes {@code soak.png}: heap, checkpoint size, live streams and lag over time. */
  public static void chart(Path file, List<SoakSample> samples) throws IOException {
    new Chart(
            "Soak test",
            "seconds since the run started",
            List.of(
                Panel.lines(
                    "heap MB",
                    List.of(
                        series("used", samples, SoakSample::heapUsedMb),
                        series("after GC", samples, SoakSample::heapAfterGcMb))),
                Panel.lines(
                    "checkpoint KB",
                    List.of(series("last checkpoint", samples, s -> s.checkpointBytes() / 1024))),
                Panel.lines(
                    "live streams", List.of(series("admitted", samples, SoakSample::liveStreams))),
                Panel.lines("lag (records)", List.of(series("lag", samples, SoakSample::lag)))))
        .writePng(file, 900, 900);
  }

  private static Series series(
      String name, List<SoakSample> samples, ToDoubleFunction<SoakSample> y) {
    return new Series(
        name,
        samples.stream().mapToDouble(SoakSample::atS).toArray(),
        samples.stream().mapToDouble(y).toArray());
  }
}
