package io.shape.adapters.persistence.report;

import io.shape.domain.report.DecisionHistogram;
import io.shape.domain.report.FeatureSeries;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/** Draws the report's charts with XChart and returns them as PNG data URIs to inline in the page. */
final class Charts {
    static final Color LINE = new Color(0x4C72B0);
    static final Color ANOMALY = new Color(0xD62728);
    static final Color INLIER_BARS = new Color(0x4C72B0);
    static final Color OUTLIER_BARS = new Color(0xDD8452);

    static {
        // Charts are drawn off screen; a server or CI machine has no display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {
    }

    /** One feature over the key column, with the anomalous rows as red dots. */
    static String series(FeatureSeries f, String keyColumn, String lineLabel, String anomalyLabel) {
        XYChart chart = new XYChartBuilder().width(1100).height(210).xAxisTitle(keyColumn).yAxisTitle(f.feature())
                .build();
        style(chart);
        chart.getStyler().setXAxisDecimalPattern("#,##0.###");
        XYSeries line = chart.addSeries(lineLabel, or0(f.keys()), or0(f.values()));
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(LINE);
        line.setLineWidth(1f);
        if (f.anomalyKeys().length > 0) {
            XYSeries marks = chart.addSeries(anomalyLabel, f.anomalyKeys(), f.anomalyValues());
            marks.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            marks.setMarker(SeriesMarkers.CIRCLE);
            marks.setMarkerColor(ANOMALY);
        }
        return png(chart);
    }

    /** The decision histogram as bars, outlier side and inlier side in two colours, with the boundary at 0. */
    static String histogram(DecisionHistogram h) {
        XYChart chart = new XYChartBuilder().width(1100).height(320).xAxisTitle("decision_function")
                .yAxisTitle("rows").build();
        style(chart);
        long top = 1;
        for (long c : h.counts()) {
            top = Math.max(top, c);
        }
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisDecimalPattern("0.00");
        addBars(chart, "decision < 0 (outlier side)", h, true, OUTLIER_BARS);
        addBars(chart, "decision >= 0 (inlier side)", h, false, INLIER_BARS);
        XYSeries boundary = chart.addSeries("boundary 0", new double[] {0, 0}, new double[] {0, top * 1.05});
        boundary.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        boundary.setMarker(SeriesMarkers.NONE);
        boundary.setLineColor(Color.BLACK);
        boundary.setLineStyle(SeriesLines.DASH_DASH);
        boundary.setLineWidth(2f);
        return png(chart);
    }

    /**
     * Bars as a stepped area over the bins of one side of 0 (0 is always a bin edge, so each bin is on one
     * side). A side with no bin is left out.
     */
    private static void addBars(XYChart chart, String name, DecisionHistogram h, boolean below, Color color) {
        double[] edges = h.edges();
        long[] counts = h.counts();
        int n = counts.length;
        double[] xs = new double[2 * n + 2];
        double[] ys = new double[2 * n + 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            boolean binBelow = edges[i + 1] <= 0;
            if (binBelow != below) {
                continue;
            }
            if (k == 0) {
                xs[k] = edges[i];
                ys[k++] = 0;
            }
            xs[k] = edges[i];
            ys[k++] = counts[i];
            xs[k] = edges[i + 1];
            ys[k++] = counts[i];
        }
        if (k == 0) {
            return;
        }
        xs[k] = xs[k - 1];
        ys[k++] = 0;
        XYSeries bars = chart.addSeries(name, java.util.Arrays.copyOf(xs, k), java.util.Arrays.copyOf(ys, k));
        bars.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        bars.setMarker(SeriesMarkers.NONE);
        bars.setLineColor(color.darker());
        bars.setFillColor(color);
    }

    private static void style(XYChart chart) {
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendBorderColor(new Color(0xDDDDDD));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setChartFontColor(new Color(0x333333));
        s.setAntiAlias(true);
        chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        chart.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        chart.getStyler().setPlotGridLinesColor(new Color(0xEEEEEE));
        chart.getStyler().setMarkerSize(6);
    }

    /** XChart refuses an empty series; an empty plot gets one point at the origin. */
    private static double[] or0(double[] values) {
        return values.length == 0 ? new double[] {0} : values;
    }

    private static String png(XYChart chart) {
        try {
            byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a chart as PNG", e);
        }
    }
}
