package org.gdxhub.archive.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;

import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.openpdf.text.BadElementException;
import org.openpdf.text.Image;
import org.openpdf.text.pdf.PdfTemplate;
import org.openpdf.text.pdf.PdfWriter;

/**
 * Bar charts (JFreeChart) drawn as vector graphics into the PDF through OpenPDF's Graphics2D,
 * with every label in the embedded Thai font.
 */
final class Charts {

  private static final Color BAR = new Color(0x1F, 0x3A, 0x5F);
  private static final Color GRID = new Color(0xD0, 0xD0, 0xD0);

  private Charts() {}

  static JFreeChart bars(PdfFonts fonts, String title, String valueLabel, DefaultCategoryDataset data,
      PlotOrientation orientation) {
    CategoryAxis categories = new CategoryAxis(null);
    NumberAxis values = new NumberAxis(valueLabel);
    values.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    BarRenderer renderer = new BarRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setSeriesPaint(0, BAR);
    renderer.setMaximumBarWidth(0.09);
    renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator());
    renderer.setDefaultItemLabelsVisible(true);
    CategoryPlot plot = new CategoryPlot(data, categories, values, renderer);
    plot.setOrientation(orientation);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(GRID);
    plot.setRangeGridlineStroke(new BasicStroke(0.5f));
    plot.setOutlineVisible(false);
    values.setUpperMargin(0.15);
    if (orientation == PlotOrientation.VERTICAL) {
      categories.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
      renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12,
          TextAnchor.BOTTOM_CENTER));
    } else {
      // Unit names on the left get up to 40% of the width; values just right of each bar.
      categories.setMaximumCategoryLabelWidthRatio(0.4f);
      renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3,
          TextAnchor.CENTER_LEFT));
    }
    categories.setMaximumCategoryLabelLines(2);
    JFreeChart chart = new JFreeChart(title, fonts.awt(true, 13), plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    StandardChartTheme theme = new StandardChartTheme("gdx");
    theme.setExtraLargeFont(fonts.awt(true, 13));
    theme.setLargeFont(fonts.awt(true, 11));
    theme.setRegularFont(fonts.awt(false, 10));
    theme.setSmallFont(fonts.awt(false, 9));
    theme.setPlotBackgroundPaint(Color.WHITE);
    theme.setChartBackgroundPaint(Color.WHITE);
    theme.setRangeGridlinePaint(GRID);
    theme.setBarPainter(new StandardBarPainter());
    theme.setShadowVisible(false);
    theme.apply(chart);
    renderer.setSeriesPaint(0, BAR);
    renderer.setDefaultItemLabelFont(fonts.awt(false, 9));
    return chart;
  }

  /** Draws the chart into a template of the given size and wraps it as an image element. */
  static Image draw(PdfWriter writer, PdfFonts fonts, JFreeChart chart, float width, float height) {
    PdfTemplate template = writer.getDirectContent().createTemplate(width, height);
    Graphics2D g2 = template.createGraphics(width, height, fonts.chartFontMapper());
    try {
      chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
    } finally {
      g2.dispose();
    }
    try {
      return Image.getInstance(template);
    } catch (BadElementException e) {
      throw new HubException(ErrorCode.ARCHIVE_UNAVAILABLE, "cannot place a chart", e);
    }
  }
}
