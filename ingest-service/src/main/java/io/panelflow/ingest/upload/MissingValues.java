package io.panelflow.ingest.upload;

/**
 * The tokens read as a missing value, after trimming surrounding whitespace and ignoring case:
 * the empty string, {@code NA}, {@code N/A}, {@code .} (Stata), {@code -}, {@code NaN} and
 * {@code #N/A} (Excel). The one definition is {@link io.panelflow.frame.read.MissingValues}, shared with the
 * benchmark's reader.
 */
public final class MissingValues {
    private MissingValues() {
    }

    public static boolean isMissing(String text) {
        return io.panelflow.frame.read.MissingValues.isMissing(text);
    }

    /** The cell trimmed, or null when it is a missing-value token. */
    public static String normalize(String text) {
        return io.panelflow.frame.read.MissingValues.normalize(text);
    }
}
