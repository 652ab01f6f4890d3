package io.panelflow.ingest.upload;

import java.util.Locale;
import java.util.Set;

/**
 * The tokens read as a missing value, after trimming surrounding whitespace and ignoring case:
 * the empty string, {@code NA}, {@code N/A}, {@code .} (Stata), {@code -}, {@code NaN} and
 * {@code #N/A} (Excel).
 */
public final class MissingValues {
    private static final Set<String> TOKENS = Set.of("", "na", "n/a", ".", "-", "nan", "#n/a");

    private MissingValues() {
    }

    public static boolean isMissing(String text) {
        return text == null || TOKENS.contains(text.strip().toLowerCase(Locale.ROOT));
    }

    /** The cell trimmed, or null when it is a missing-value token. */
    public static String normalize(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        return TOKENS.contains(t.toLowerCase(Locale.ROOT)) ? null : t;
    }
}
