package io.panelflow.report.figure;

import java.util.List;

/**
 * The frame shared by all charts: margins, a value axis with grid lines and round ticks, category
 * labels along the bottom, axis titles and a legend on the right.
 */
final class PlotFrame {

    static final double LEFT = 64;
    static final double TOP = 28;
    static final double BOTTOM = 52;

    final int width;
    final int height;
    final double right;
    final NiceScale y;

    PlotFrame(int width, int height, double legendWidth, NiceScale y) {
        this.width = width;
        this.height = height;
        this.right = 20 + legendWidth;
        this.y = y;
    }

    double plotLeft() {
        return LEFT;
    }

    double plotRight() {
        return width - right;
    }

    double plotTop() {
        return TOP;
    }

    double plotBottom() {
        return height - BOTTOM;
    }

    double yPixel(double value) {
        return y.map(value, plotBottom(), plotTop());
    }

    /** X position of category i of n, centred in equal slots. */
    double categoryPixel(int i, int n) {
        double slot = (plotRight() - plotLeft()) / Math.max(1, n);
        return plotLeft() + slot * (i + 0.5);
    }

    void drawAxes(Canvas c, String yTitle, String xTitle) {
        for (double tick : y.ticks()) {
            double py = yPixel(tick);
            c.line(plotLeft(), py, plotRight(), py, Palette.GRID, 1, false);
            c.text(plotLeft() - 6, py + 4, y.label(tick), 11, Anchor.END, Palette.AXIS, false);
        }
        c.line(plotLeft(), plotBottom(), plotRight(), plotBottom(), Palette.AXIS, 1, false);
        c.line(plotLeft(), plotTop(), plotLeft(), plotBottom(), Palette.AXIS, 1, false);
        if (yTitle != null && !yTitle.isBlank()) {
            c.text(16, (plotTop() + plotBottom()) / 2, yTitle, 12, Anchor.MIDDLE, Palette.TEXT, true);
        }
        if (xTitle != null && !xTitle.isBlank()) {
            c.text((plotLeft() + plotRight()) / 2, height - 10, xTitle, 12, Anchor.MIDDLE, Palette.TEXT, false);
        }
    }

    /** Category labels under the axis; when crowded, only every k-th is written. */
    void drawCategories(Canvas c, List<String> labels) {
        int n = labels.size();
        double slot = (plotRight() - plotLeft()) / Math.max(1, n);
        int longest = labels.stream().mapToInt(String::length).max().orElse(1);
        int every = Math.max(1, (int) Math.ceil(longest * 7.0 / Math.max(1, slot)));
        for (int i = 0; i < n; i++) {
            double px = categoryPixel(i, n);
            c.line(px, plotBottom(), px, plotBottom() + 4, Palette.AXIS, 1, false);
            if (i % every == 0) {
                c.text(px, plotBottom() + 18, labels.get(i), 11, Anchor.MIDDLE, Palette.AXIS, false);
            }
        }
    }

    /** Horizontal dashed line at zero when zero lies inside the axis. */
    void drawZero(Canvas c) {
        if (y.low() < 0 && y.high() > 0) {
            double py = yPixel(0);
            c.line(plotLeft(), py, plotRight(), py, Palette.AXIS, 1, true);
        }
    }

    void drawLegend(Canvas c, List<String> names, List<String> colors) {
        double x = plotRight() + 14;
        double yy = plotTop() + 8;
        for (int i = 0; i < names.size(); i++) {
            c.line(x, yy - 4, x + 18, yy - 4, colors.get(i), 2.5, false);
            c.text(x + 24, yy, names.get(i), 11, Anchor.START, Palette.TEXT, false);
            yy += 18;
        }
    }

    static double legendWidth(List<String> names) {
        if (names.isEmpty()) {
            return 0;
        }
        int longest = names.stream().mapToInt(String::length).max().orElse(0);
        return 40 + Math.min(longest, 24) * 6.5;
    }
}
