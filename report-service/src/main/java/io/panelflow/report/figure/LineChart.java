package io.panelflow.report.figure;

import java.util.ArrayList;
import java.util.List;

/**
 * Lines over ordered categories (years): one series per region or group, gaps where a value is
 * missing. Series flagged as background are drawn thin and grey behind the others, unlabelled.
 */
public record LineChart(String yTitle, String xTitle, List<String> categories, List<Series> series,
                        int width, int height) implements Chart {

    /** One line; {@code values} align with the categories, NaN for a gap. */
    public record Series(String name, double[] values, boolean background) {
    }

    public LineChart {
        categories = List.copyOf(categories);
        series = List.copyOf(series);
    }

    @Override
    public void draw(Canvas c) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : s.values()) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        List<Series> labelled = series.stream().filter(s -> !s.background()).toList();
        List<String> names = labelled.stream().map(Series::name).toList();
        PlotFrame frame = new PlotFrame(width, height, PlotFrame.legendWidth(names), NiceScale.covering(min, max, 6));
        frame.drawAxes(c, yTitle, xTitle);
        frame.drawCategories(c, categories);
        for (Series s : series) {
            if (s.background()) {
                drawSeries(c, frame, s, Palette.MUTED, 1, false);
            }
        }
        List<String> colors = new ArrayList<>();
        for (int i = 0; i < labelled.size(); i++) {
            colors.add(Palette.series(i));
            drawSeries(c, frame, labelled.get(i), Palette.series(i), 2.2, true);
        }
        frame.drawLegend(c, names, colors);
    }

    private void drawSeries(Canvas c, PlotFrame frame, Series s, String color, double width, boolean markers) {
        int n = categories.size();
        List<double[]> run = new ArrayList<>();
        for (int i = 0; i <= n; i++) {
            double v = i < n && i < s.values().length ? s.values()[i] : Double.NaN;
            if (Double.isFinite(v)) {
                run.add(new double[]{frame.categoryPixel(i, n), frame.yPixel(v)});
            } else {
                flush(c, run, color, width, markers);
                run.clear();
            }
        }
    }

    private static void flush(Canvas c, List<double[]> run, String color, double width, boolean markers) {
        if (run.isEmpty()) {
            return;
        }
        double[] xs = run.stream().mapToDouble(p -> p[0]).toArray();
        double[] ys = run.stream().mapToDouble(p -> p[1]).toArray();
        if (xs.length > 1) {
            c.polyline(xs, ys, color, width);
        }
        if (markers || xs.length == 1) {
            for (int i = 0; i < xs.length; i++) {
                c.circle(xs[i], ys[i], markers ? 3 : 1.5, color);
            }
        }
    }
}
