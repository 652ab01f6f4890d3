package io.panelflow.frame.read;

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

    /** Whether {@code text[from, to)}, already trimmed, is a missing-value token (no allocation). */
    static boolean isMissing(char[] text, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return true;
        }
        if (n > 4) {
            return false;
        }
        char a = lower(text[from]);
        return switch (n) {
            case 1 -> a == '.' || a == '-';
            case 2 -> a == 'n' && lower(text[from + 1]) == 'a';
            case 3 -> a == 'n' && (text[from + 1] == '/' && lower(text[from + 2]) == 'a'
                    || lower(text[from + 1]) == 'a' && lower(text[from + 2]) == 'n');
            default -> a == '#' && lower(text[from + 1]) == 'n' && text[from + 2] == '/' && lower(text[from + 3]) == 'a';
        };
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
}
