package io.chaoscast.models.charts;

import java.util.List;

/**
 * One plot of a chart.
 *
 * @param points draw markers instead of lines (state-space projections)
 */
public record Panel(
    String yLabel,
    List<Series> series,
    List<Threshold> thresholds,
    List<Band> bands,
    boolean points) {

  public static Panel lines(String yLabel, List<Series> series) {
    return new Panel(yLabel, series, List.of(), List.of(), false);
  }

  public static Panel points(String yLabel, List<Series> series) {
    return new Panel(yLabel, series, List.of(), List.of(), true);
  }

  public Panel withThresholds(List<Threshold> t) {
    return new Panel(yLabel, series, t, bands, points);
  }

  public Panel withBands(List<Band> b) {
    return new Panel(yLabel, series, thresholds, b, points);
  }
}
