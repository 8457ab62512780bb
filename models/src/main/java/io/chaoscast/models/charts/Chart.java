package io.chaoscast.models.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Panels stacked over one shared x axis, written as a PNG. A series name has one colour in every
 * panel, and the legend names each series once.
 */
public record Chart(String title, String xLabel, List<Panel> panels) {

  public Chart {
    if (panels.isEmpty()) throw new IllegalArgumentException("a chart needs a panel");
  }

  public void writePng(Path file, int width, int height) throws IOException {
    if (file.getParent() != null) Files.createDirectories(file.getParent());
    ChartUtils.saveChartAsPNG(file.toFile(), build(), width, height);
  }

  /** Colour-blind-safe categorical palette (Okabe and Ito 2008), cycled beyond its length. */
  private static final Color[] PALETTE = {
    new Color(0, 114, 178),
    new Color(213, 94, 0),
    new Color(0, 158, 115),
    new Color(204, 121, 167),
    new Color(230, 159, 0),
    new Color(86, 180, 233),
    new Color(0, 0, 0)
  };

  JFreeChart build() {
    Map<String, Color> colours = new LinkedHashMap<>();
    for (Panel p : panels) {
      for (Series s : p.series()) {
        colours.computeIfAbsent(s.name(), n -> PALETTE[colours.size() % PALETTE.length]);
      }
    }
    CombinedDomainXYPlot combined = new CombinedDomainXYPlot(new NumberAxis(xLabel));
    combined.setGap(8);
    for (Panel p : panels) combined.add(plot(p, colours), 1);
    LegendItemCollection legend = new LegendItemCollection();
    colours.forEach((name, colour) -> legend.add(new LegendItem(name, colour)));
    combined.setFixedLegendItems(legend);
    JFreeChart chart =
        new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 14), combined, true);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  private static boolean drawsALine(Series s) {
    for (int i = 1; i < s.y().length; i++) {
      if (Double.isFinite(s.y()[i - 1]) && Double.isFinite(s.y()[i])) return true;
    }
    return false;
  }

  private static XYPlot plot(Panel p, Map<String, Color> colours) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (Series s : p.series()) {
      // autoSort off and duplicates allowed: a trajectory's projection is not a function of x
      XYSeries xy = new XYSeries(s.name(), false, true);
      for (int i = 0; i < s.x().length; i++) xy.add(s.x()[i], s.y()[i], false);
      data.addSeries(xy);
    }
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(!p.points(), p.points());
    for (int i = 0; i < p.series().size(); i++) {
      renderer.setSeriesStroke(i, new BasicStroke(1.2f));
      renderer.setSeriesPaint(i, colours.get(p.series().get(i).name()));
      if (p.points()) renderer.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-1, -1, 2, 2));
      // a line needs two neighbouring points: a series without any (one point, or points
      // between gaps) would not be drawn at all without its markers
      else if (!drawsALine(p.series().get(i))) renderer.setSeriesShapesVisible(i, true);
    }
    NumberAxis y = new NumberAxis(p.yLabel());
    y.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(data, null, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    for (Threshold t : p.thresholds()) {
      ValueMarker m = new ValueMarker(t.y(), Color.RED, new BasicStroke(1f));
      m.setLabel(t.label());
      plot.addRangeMarker(m);
    }
    for (Band b : p.bands()) {
      IntervalMarker m = new IntervalMarker(b.from(), b.to(), new Color(255, 160, 0, 70));
      m.setLabel(b.label());
      plot.addDomainMarker(m, Layer.BACKGROUND);
    }
    return plot;
  }
}
