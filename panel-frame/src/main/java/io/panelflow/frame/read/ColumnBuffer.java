package io.panelflow.frame.read;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One column of a table as it is read, typed on the way in: a numeric column holds doubles (NaN =
 * missing) and never a string; a text column holds trimmed strings (null = missing), equal strings
 * shared, so a unit name repeated every year is stored once.
 *
 * <p>A numeric column that meets a cell that is not a number turns into a text column; the numbers
 * read before are then written back as text ({@link #rewritten()} says so, and a reader that must
 * keep text exactly as written reads that column again as text).
 */
public final class ColumnBuffer {
    private double[] numbers;
    private String[] texts;
    private Map<String, String> shared;
    private int size;
    private int present;
    private boolean rewritten;
    private int firstText = -1;

    private ColumnBuffer(boolean text, int capacity) {
        if (text) {
            texts = new String[capacity];
            shared = new HashMap<>();
        } else {
            numbers = new double[capacity];
        }
    }

    public static ColumnBuffer numeric() {
        return new ColumnBuffer(false, 1024);
    }

    public static ColumnBuffer text() {
        return new ColumnBuffer(true, 1024);
    }

    /** A numeric column with room for {@code capacity} cells (the rows, when known: no growing copies). */
    public static ColumnBuffer numeric(int capacity) {
        return new ColumnBuffer(false, Math.max(capacity, 16));
    }

    /** A text column with room for {@code capacity} cells. */
    public static ColumnBuffer text(int capacity) {
        return new ColumnBuffer(true, Math.max(capacity, 16));
    }

    /** Appends field {@code i} of {@code fields}: missing, a number, or text. */
    public void add(Fields fields, int i) {
        if (i >= fields.count() || fields.missing(i)) {
            addMissing();
            return;
        }
        if (texts != null || !addedAsNumber(fields.number(i))) {
            addText(fields.text(i));
        }
    }

    /** Appends a cell given as a string (trimmed; missing-value tokens become missing). */
    public void add(String cell) {
        String t = MissingValues.normalize(cell);
        if (t == null) {
            addMissing();
            return;
        }
        if (texts != null || !addedAsNumber(NumberText.parse(t))) {
            addText(t);
        }
    }

    public void addMissing() {
        ensure();
        if (texts == null) {
            numbers[size++] = Double.NaN;
        } else {
            texts[size++] = null;
        }
    }

    /**
     * In a numeric column: appends {@code v} when it is a number and says so; when it is NaN (the cell is not a
     * number) turns the column into text and says the cell is still to be added, as text.
     */
    private boolean addedAsNumber(double v) {
        if (Double.isNaN(v)) {
            toText();
            return false;
        }
        ensure();
        numbers[size++] = v;
        present++;
        return true;
    }

    private void addText(String t) {
        ensure();
        if (firstText < 0) {
            firstText = size;
        }
        String s = shared.size() < 1_000_000 ? shared.computeIfAbsent(t, k -> k) : t;
        texts[size++] = s;
        present++;
    }

    private void toText() {
        texts = new String[Math.max(numbers.length, 16)];
        shared = new HashMap<>();
        for (int r = 0; r < size; r++) {
            texts[r] = Double.isNaN(numbers[r]) ? null : formatted(numbers[r]);
            rewritten |= texts[r] != null;
        }
        numbers = null;
    }

    private static String formatted(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private void ensure() {
        if (texts == null && size == numbers.length) {
            numbers = Arrays.copyOf(numbers, size + (size >> 1) + 16);
        } else if (texts != null && size == texts.length) {
            texts = Arrays.copyOf(texts, size + (size >> 1) + 16);
        }
    }

    public int size() {
        return size;
    }

    /** Cells that are not missing. */
    public int present() {
        return present;
    }

    public boolean isText() {
        return texts != null;
    }

    /** Whether numbers read before the first text cell were written back as text (not as in the file). */
    public boolean rewritten() {
        return rewritten;
    }

    /** The row (0-based) of the first cell that was not a number, or -1. */
    public int firstText() {
        return firstText;
    }

    /** The numbers, exactly {@link #size()} of them (a numeric column). */
    public double[] numbers() {
        if (texts != null) {
            throw new IllegalStateException("a text column");
        }
        if (numbers.length != size) {
            numbers = Arrays.copyOf(numbers, size);
        }
        return numbers;
    }

    /** The texts, exactly {@link #size()} of them (a text column). */
    public String[] texts() {
        if (texts == null) {
            throw new IllegalStateException("a numeric column");
        }
        if (texts.length != size) {
            texts = Arrays.copyOf(texts, size);
        }
        shared = null;
        return texts;
    }

    /** Cell {@code r} as text: null when missing, numbers as {@link io.panelflow.frame.PanelFrame} keys write them. */
    public String textAt(int r) {
        if (texts != null) {
            return texts[r];
        }
        return Double.isNaN(numbers[r]) ? null : formatted(numbers[r]);
    }
}
