package io.chaoscast.models.cli;

import io.chaoscast.models.charts.Chart;
import io.chaoscast.models.charts.Panel;
import io.chaoscast.models.charts.Series;
import io.chaoscast.models.evaluation.ForecastEvaluation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The bench's pictures of one (system, model) unit, on the standardised scale it is scored on:
 * {@code NAME.png}, forecast against truth for the first origin, one panel per channel (at most
 * three), over the horizon in Lyapunov times; {@code NAME-attractor.png}, the pooled states of all
 * origins projected on the first two channels (a one-channel series on x(t), x(t+1)).
 */
final class BenchPlots {

  private static final int MAX_CHANNEL_PANELS = 3;

  private BenchPlots() {}

  static void write(Path dir, String name, ForecastEvaluation.Outcome outcome, double stepLt)
      throws IOException {
    double[][] truth = outcome.actuals()[0];
    double[][] forecast = outcome.forecasts()[0];
    int channels = truth[0].length;
    List<Panel> panels = new ArrayList<>();
    for (int c = 0; c < Math.min(channels, MAX_CHANNEL_PANELS); c++) {
      panels.add(
          Panel.lines(
              "x" + c,
              List.of(
                  Series.sampled("truth", stepLt, column(truth, c)),
                  Series.sampled("forecast", stepLt, column(forecast, c)))));
    }
    new Chart(name + ": forecast vs truth (first origin)", "Lyapunov times", panels)
        .writePng(dir.resolve(name + ".png"), 900, 250 * panels.size());
    new Chart(
            name + ": attractor (all origins)",
            channels > 1 ? "x0" : "x0(t)",
            List.of(
                Panel.points(
                    channels > 1 ? "x1" : "x0(t+1)",
                    List.of(
                        projection("truth", outcome.actuals()),
                        projection("forecast", outcome.forecasts())))))
        .writePng(dir.resolve(name + "-attractor.png"), 700, 700);
  }

  private static double[] column(double[][] x, int c) {
    double[] out = new double[x.length];
    for (int t = 0; t < x.length; t++) out[t] = x[t][c];
    return out;
  }

  /** Channels 0 and 1 of every state, or x0 against its next value for one channel. */
  private static Series projection(String name, double[][][] segments) {
    List<double[]> points = new ArrayList<>();
    for (double[][] seg : segments) {
      for (int t = 0; t < seg.length; t++) {
        if (seg[t].length > 1) points.add(new double[] {seg[t][0], seg[t][1]});
        else if (t + 1 < seg.length) points.add(new double[] {seg[t][0], seg[t + 1][0]});
      }
    }
    double[] x = new double[points.size()];
    double[] y = new double[points.size()];
    for (int i = 0; i < x.length; i++) {
      // blown-up forecasts would stretch the axes beyond the attractor: leave them out
      x[i] = clip(points.get(i)[0]);
      y[i] = clip(points.get(i)[1]);
    }
    return new Series(name, x, y);
  }

  private static double clip(double v) {
    return Double.isFinite(v) && Math.abs(v) < 10 ? v : Double.NaN;
  }
}
