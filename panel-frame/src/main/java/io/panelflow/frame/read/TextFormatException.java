package io.panelflow.frame.read;

/** Delimited text that cannot be read: a cell over the length limit, too many fields, a quote never closed. */
public final class TextFormatException extends RuntimeException {
    /** What is wrong. */
    public enum Kind {
        /** A field longer than the reader's {@code maxCellChars}. */
        CELL_TOO_LONG,
        /** A record with more fields than the reader's {@code maxFields}. */
        TOO_MANY_FIELDS,
        /** A quoted field still open at the end of the file. */
        UNCLOSED_QUOTE
    }

    private final Kind kind;
    private final int row;
    private final int fields;
    private final boolean insideQuotes;

    public TextFormatException(Kind kind, int row, int fields, boolean insideQuotes) {
        super(kind + " at row " + row);
        this.kind = kind;
        this.row = row;
        this.fields = fields;
        this.insideQuotes = insideQuotes;
    }

    public Kind kind() {
        return kind;
    }

    /** The row (first record = row 1); for a quote, the row it opened in. */
    public int row() {
        return row;
    }

    /** TOO_MANY_FIELDS: the fields counted so far. */
    public int fields() {
        return fields;
    }

    /** CELL_TOO_LONG: whether the long cell is a quoted value (perhaps a quote never closed). */
    public boolean insideQuotes() {
        return insideQuotes;
    }
}
