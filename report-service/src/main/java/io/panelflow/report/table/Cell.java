package io.panelflow.report.table;

/**
 * One table cell: the text a reader sees and, where the cell shows a number, the number itself
 * (for CSV and JSON consumers that want values, not strings).
 *
 * @param text  the printed text, never null ({@code ""} for an empty cell)
 * @param value the unrounded number behind the text, or null for text cells
 * @param span  how many columns the cell covers (1 for an ordinary cell)
 */
public record Cell(String text, Double value, int span) {

    public static final Cell EMPTY = new Cell("", null, 1);

    public Cell {
        text = text == null ? "" : text;
        if (value != null && !Double.isFinite(value)) {
            value = null;
        }
        if (span < 1) {
            throw new IllegalArgumentException("a cell spans at least one column");
        }
    }

    public static Cell text(String text) {
        return new Cell(text, null, 1);
    }

    public static Cell spanning(String text, int span) {
        return new Cell(text, null, span);
    }

    public static Cell number(String text, double value) {
        return new Cell(text, value, 1);
    }

    public boolean isNumeric() {
        return value != null;
    }
}
