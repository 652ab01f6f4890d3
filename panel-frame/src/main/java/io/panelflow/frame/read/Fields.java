package io.panelflow.frame.read;

/**
 * The fields of one record as read, valid only during the {@link RecordSink#record} call that receives them:
 * the characters live in a buffer the reader reuses, so reading a number or testing for a missing value
 * allocates nothing. Every accessor trims surrounding whitespace.
 */
public final class Fields {
    private char[] chars = new char[1024];
    private int length;
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private int count;

    /** How many fields the record has (a trailing separator adds an empty one). */
    public int count() {
        return count;
    }

    /** The field trimmed, as a string (whatever it holds). */
    public String text(int i) {
        int from = trimmedStart(i);
        return new String(chars, from, trimmedEnd(i, from) - from);
    }

    /** The field trimmed, or null when it is a missing-value token ({@link MissingValues}). */
    public String cell(int i) {
        return missing(i) ? null : text(i);
    }

    /** Whether the trimmed field is a missing-value token. */
    public boolean missing(int i) {
        int from = trimmedStart(i);
        return MissingValues.isMissing(chars, from, trimmedEnd(i, from));
    }

    /** Whether the field is empty or whitespace. */
    public boolean blank(int i) {
        int from = trimmedStart(i);
        return trimmedEnd(i, from) == from;
    }

    /** Whether every field is empty or whitespace (a blank line, or a row of separators only). */
    public boolean blank() {
        for (int i = 0; i < count; i++) {
            if (!blank(i)) {
                return false;
            }
        }
        return true;
    }

    /** The trimmed field's value ({@link NumberText}), or NaN when it is not a number; no allocation on the usual path. */
    public double number(int i) {
        int from = trimmedStart(i);
        return NumberText.parse(chars, from, trimmedEnd(i, from));
    }

    private int trimmedStart(int i) {
        int from = starts[i];
        int to = ends[i];
        while (from < to && Character.isWhitespace(chars[from])) {
            from++;
        }
        return from;
    }

    private int trimmedEnd(int i, int from) {
        int to = ends[i];
        while (to > from && Character.isWhitespace(chars[to - 1])) {
            to--;
        }
        return to;
    }

    // ------------------------------------------------------------------ filled by the readers

    void clear() {
        length = 0;
        count = 0;
        startField();
    }

    void startField() {
        if (count == starts.length) {
            starts = java.util.Arrays.copyOf(starts, count * 2);
            ends = java.util.Arrays.copyOf(ends, count * 2);
        }
        starts[count] = length;
        ends[count] = length;
    }

    void append(char c) {
        if (length == chars.length) {
            chars = java.util.Arrays.copyOf(chars, length * 2);
        }
        chars[length++] = c;
        ends[count] = length;
    }

    void append(String s) {
        for (int k = 0; k < s.length(); k++) {
            append(s.charAt(k));
        }
    }

    /** The characters of the field being read so far. */
    int currentLength() {
        return length - starts[count];
    }

    /** Forgets the field being read (leading blanks before an opening quote). */
    void resetCurrent() {
        length = starts[count];
        ends[count] = length;
    }

    boolean currentBlank() {
        for (int k = starts[count]; k < length; k++) {
            if (!Character.isWhitespace(chars[k])) {
                return false;
            }
        }
        return true;
    }

    void endField() {
        count++;
        startField();
    }

    /** Sets the record to the given fields: a reader of another format (a spreadsheet row) hands records on like this. */
    public void set(java.util.List<String> values) {
        clear();
        for (String v : values) {
            if (v != null) {
                append(v);
            }
            endField();
        }
    }
}
