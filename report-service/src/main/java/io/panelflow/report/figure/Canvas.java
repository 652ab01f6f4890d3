package io.panelflow.report.figure;

/**
 * The few drawing operations every chart needs, in logical pixels with y pointing down. The SVG
 * and PNG backends implement the same operations, so a chart drawn twice looks the same in both.
 * Colours are {@code #rrggbb} strings.
 */
public interface Canvas {

    void line(double x1, double y1, double x2, double y2, String color, double width, boolean dashed);

    void polyline(double[] xs, double[] ys, String color, double width);

    /** A filled polygon (confidence bands), {@code opacity} in [0, 1]. */
    void polygon(double[] xs, double[] ys, String fill, double opacity);

    void rect(double x, double y, double w, double h, String fill, String stroke);

    void circle(double cx, double cy, double r, String fill);

    /** Text with its baseline at y; {@code rotated} turns it 90° counter-clockwise (y-axis titles). */
    void text(double x, double y, String text, double size, Anchor anchor, String color, boolean rotated);
}
