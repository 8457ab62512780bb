package io.chaoscast.models.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartTest {

  @Test
  void shouldWriteAPngOfTheRequestedSizeWithEveryPanelAndSeries(@TempDir Path dir)
      throws Exception {
    double[] sine = new double[200];
    for (int i = 0; i < sine.length; i++) sine[i] = Math.sin(i * 0.1);
    Chart chart =
        new Chart(
            "test",
            "time (s)",
            List.of(
                Panel.lines("signal", List.of(Series.sampled("sine", 0.1, sine)))
                    .withThresholds(List.of(new Threshold("limit", 0.8)))
                    .withBands(List.of(new Band("alert", 5, 8))),
                Panel.points("projection", List.of(new Series("xy", sine, sine)))));

    Path png = dir.resolve("out/chart.png");
    chart.writePng(png, 640, 480);

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(640);
    assertThat(image.getHeight()).isEqualTo(480);
    var plot = (CombinedDomainXYPlot) chart.build().getXYPlot();
    List<XYPlot> subplots = plot.getSubplots();
    assertThat(subplots).hasSize(2);
    assertThat(subplots.get(0).getDataset().getItemCount(0)).isEqualTo(200);
    assertThat(subplots.get(0).getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND)).hasSize(1);
    assertThat(subplots.get(0).getDomainMarkers(org.jfree.chart.ui.Layer.BACKGROUND)).hasSize(1);
    assertThat(subplots.get(1).getDataset().getItemCount(0)).isEqualTo(200);
  }

  @Test
  void aSeriesNameShouldKeepOneColourAcrossPanelsAndAppearOnceInTheLegend() {
    double[] y = {1, 2, 3};
    Chart chart =
        new Chart(
            "two panels",
            "t",
            List.of(
                Panel.lines(
                    "x0", List.of(Series.sampled("truth", 1, y), Series.sampled("forecast", 1, y))),
                Panel.lines(
                    "x1",
                    List.of(Series.sampled("truth", 1, y), Series.sampled("forecast", 1, y)))));
    var plot = (CombinedDomainXYPlot) chart.build().getXYPlot();
    var legend = plot.getLegendItems();
    assertThat(legend.getItemCount()).isEqualTo(2);
    assertThat(legend.get(0).getLabel()).isEqualTo("truth");
    assertThat(legend.get(1).getLabel()).isEqualTo("forecast");
    List<XYPlot> subplots = plot.getSubplots();
    for (int series = 0; series < 2; series++) {
      assertThat(subplots.get(1).getRenderer().getSeriesPaint(series))
          .isEqualTo(subplots.get(0).getRenderer().getSeriesPaint(series))
          .isEqualTo(legend.get(series).getFillPaint());
    }
    assertThat(subplots.get(0).getRenderer().getSeriesPaint(0))
        .isNotEqualTo(subplots.get(0).getRenderer().getSeriesPaint(1));
  }

  @Test
  void shouldRefuseSeriesOfUnequalLength() {
    assertThatThrownBy(() -> new Series("bad", new double[3], new double[2]))
        .hasMessageContaining("3 x values but 2 y values");
  }

  @Test
  void shouldMarkTheSeriesThatNoLineCanDraw() {
    Chart chart =
        new Chart(
            "ladder",
            "rate",
            List.of(
                Panel.lines(
                    "p99",
                    List.of(
                        new Series("one", new double[] {1}, new double[] {5}),
                        new Series("two", new double[] {1, 2}, new double[] {5, 6}),
                        new Series("gap", new double[] {1, 2}, new double[] {5, Double.NaN})))));
    var plot = (CombinedDomainXYPlot) chart.build().getXYPlot();
    var renderer =
        (org.jfree.chart.renderer.xy.XYLineAndShapeRenderer)
            plot.getSubplots().get(0).getRenderer();

    assertThat(renderer.getItemShapeVisible(0, 0)).isTrue();
    assertThat(renderer.getItemShapeVisible(1, 0)).isFalse();
    assertThat(renderer.getItemShapeVisible(2, 0)).isTrue();
  }
}
