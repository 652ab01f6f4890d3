package io.panelflow.report.figure;

import java.util.Locale;

/** Draws into a small, self-contained SVG document. */
public final class SvgCanvas implements Canvas {

    private final int width;
    private final int height;
    private final StringBuilder body = new StringBuilder();

    public SvgCanvas(int width, int height) {
        this.width = width;
        this.height = height;
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, String color, double w, boolean dashed) {
        body.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1))
                .append("\" x2=\"").append(n(x2)).append("\" y2=\"").append(n(y2))
                .append("\" stroke=\"").append(color).append("\" stroke-width=\"").append(n(w)).append('"')
                .append(dashed ? " stroke-dasharray=\"4 3\"" : "").append("/>\n");
    }

    @Override
    public void polyline(double[] xs, double[] ys, String color, double w) {
        body.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"").append(n(w))
                .append("\" stroke-linejoin=\"round\" points=\"").append(points(xs, ys)).append("\"/>\n");
    }

    @Override
    public void polygon(double[] xs, double[] ys, String fill, double opacity) {
        body.append("<polygon fill=\"").append(fill).append("\" fill-opacity=\"").append(n(opacity))
                .append("\" stroke=\"none\" points=\"").append(points(xs, ys)).append("\"/>\n");
    }

    @Override
    public void rect(double x, double y, double w, double h, String fill, String stroke) {
        body.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"").append(fill == null ? "none" : fill)
                .append("\" stroke=\"").append(stroke == null ? "none" : stroke).append("\"/>\n");
    }

    @Override
    public void circle(double cx, double cy, double r, String fill) {
        body.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append("\" fill=\"").append(fill).append("\"/>\n");
    }

    @Override
    public void text(double x, double y, String text, double size, Anchor anchor, String color, boolean rotated) {
        String a = switch (anchor) {
            case START -> "start";
            case MIDDLE -> "middle";
            case END -> "end";
        };
        body.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(n(size))
                .append("\" text-anchor=\"").append(a).append("\" fill=\"").append(color).append('"');
        if (rotated) {
            body.append(" transform=\"rotate(-90 ").append(n(x)).append(' ').append(n(y)).append(")\"");
        }
        body.append('>').append(escape(text)).append("</text>\n");
    }

    /** The finished SVG element with a title for accessibility. */
    public String toSvg(String title) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\" role=\"img\" font-family=\"Helvetica, Arial, sans-serif\">\n"
                + "<title>" + escape(title == null ? "" : title) + "</title>\n"
                + body + "</svg>\n";
    }

    private static String points(double[] xs, double[] ys) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(n(xs[i])).append(',').append(n(ys[i]));
        }
        return sb.toString();
    }

    static String n(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s.equals("-0") ? "0" : s;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
