package io.panelflow.report.figure;

/**
 * A numbered figure of a report: its chart rendered as SVG (HTML) or PNG (DOCX, LaTeX) from the
 * same drawing code.
 *
 * @param id      stable identifier, also the PNG file name ({@code <id>.png})
 * @param caption printed under the figure
 * @param notes   source and conventions printed after the caption
 */
public record Figure(String id, String caption, String notes, Chart chart) {

    /** PNGs are drawn at twice the logical size for print. */
    public static final double PNG_SCALE = 2.0;

    public String svg() {
        SvgCanvas canvas = new SvgCanvas(chart.width(), chart.height());
        chart.draw(canvas);
        return canvas.toSvg(caption);
    }

    public byte[] png() {
        PngCanvas canvas = new PngCanvas(chart.width(), chart.height(), PNG_SCALE);
        chart.draw(canvas);
        return canvas.toPng();
    }

    public String fileName() {
        return id + ".png";
    }
}
