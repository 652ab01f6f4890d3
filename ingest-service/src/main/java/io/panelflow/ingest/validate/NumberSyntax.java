package io.panelflow.ingest.validate;

import java.util.regex.Pattern;

/**
 * What a number looks like in an upload: an optional sign, digits with an optional decimal point,
 * and an optional exponent: {@code 12}, {@code -0.5}, {@code .5}, {@code 3.}, {@code 1.2e-5},
 * {@code +4E3}. Missing-value tokens are removed before (see
 * {@link io.panelflow.ingest.upload.MissingValues}).
 *
 * <p>Not numbers, so a column holding them is text: thousands separators ({@code 1,234} — ambiguous
 * with a decimal comma, and Excel writes plain numbers to CSV anyway), decimal commas ({@code 1,5}),
 * percent signs, currency symbols, {@code Inf}. When such a column is used as a number the problem
 * says how to write the value ({@link #hint(String)}).
 */
public final class NumberSyntax {
    private static final Pattern THOUSANDS = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?\\d+,\\d+");

    private NumberSyntax() {
    }

    /**
     * Whether the text matches {@code [+-]?(digits[.digits?]|.digits)([eE][+-]?digits)?}
     * ({@link io.panelflow.frame.read.NumberText}, the reader's own parser).
     */
    public static boolean isNumber(String text) {
        return io.panelflow.frame.read.NumberText.isNumber(text);
    }

    /** The value of a text for which {@link #isNumber(String)} holds, correctly rounded. */
    public static double parse(String text) {
        return io.panelflow.frame.read.NumberText.parse(text);
    }

    /**
     * How to write a value that is not a number, or an empty string: {@code "1,234"} gives
     * {@code " (thousands separators are not accepted: write 1234)"}.
     */
    public static String hint(String text) {
        if (text == null) {
            return "";
        }
        if (THOUSANDS.matcher(text).matches()) {
            return " (thousands separators are not accepted: write " + text.replace(",", "") + ")";
        }
        if (DECIMAL_COMMA.matcher(text).matches()) {
            return " (use a decimal point: " + text.replace(',', '.') + ")";
        }
        if (text.endsWith("%") && isNumber(text.substring(0, text.length() - 1).strip())) {
            return " (percent signs are not accepted: write the number without %)";
        }
        return "";
    }

    /** Whether a number is whole and fits an int (a valid time value). */
    public static boolean isWholeNumber(double v) {
        return v == Math.rint(v) && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
    }
}
