package io.panelflow.frame.read;

/**
 * Numbers as written in a data file: {@code [+-]?(digits[.digits?]|.digits)([eE][+-]?digits)?}, e.g. {@code 12},
 * {@code -0.5}, {@code .5}, {@code 3.}, {@code 1.346644434e-05}, {@code +2.5E+03}. Read without allocating, and
 * correctly rounded (the same double as {@link Double#parseDouble}): a decimal whose significand has at most 18
 * digits, is at most 2<sup>53</sup> and whose power of ten is at most 22 in magnitude is one exact
 * multiplication or division (Clinger's fast path); anything else goes to {@link Double#parseDouble}.
 *
 * <p>Not numbers here: thousands separators, decimal commas, percent signs, {@code Inf}, {@code NaN}, hexadecimal,
 * Java's {@code d}/{@code f} suffixes. Missing-value tokens are recognised before ({@link MissingValues}).
 */
public final class NumberText {
    private static final long MAX_EXACT = 1L << 53;
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private NumberText() {
    }

    /** Whether the whole text is a number in the syntax above (no surrounding blanks). */
    public static boolean isNumber(CharSequence text) {
        return text != null && !Double.isNaN(parse(text, 0, text.length()));
    }

    /** The value of the whole text, or NaN when it is not a number in the syntax above. */
    public static double parse(CharSequence text) {
        return text == null ? Double.NaN : parse(text, 0, text.length());
    }

    /** The value of {@code text[from, to)}, or NaN when it is not a number in the syntax above. */
    public static double parse(CharSequence text, int from, int to) {
        char[] chars = new char[to - from];
        for (int k = from; k < to; k++) {
            chars[k - from] = text.charAt(k);
        }
        return parse(chars, 0, chars.length);
    }

    /** The value of {@code text[from, to)}, or NaN when it is not a number in the syntax above. */
    public static double parse(char[] text, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (text[i] == '+' || text[i] == '-')) {
            negative = text[i] == '-';
            i++;
        }
        long significand = 0;
        int significantDigits = 0;
        int digits = 0;
        int scale = 0;
        boolean exact = true;
        // the digits either side of the (at most one) decimal point: the first 18 significant ones make the
        // significand; a digit kept after the point lowers the scale, a digit dropped before it raises it
        boolean afterPoint = false;
        while (i < to) {
            char c = text[i];
            if (c < '0' || c > '9') {
                if (c == '.' && !afterPoint) {
                    afterPoint = true;
                    i++;
                    continue;
                }
                break;
            }
            if (significantDigits < 18) {
                if (significand != 0 || c != '0') {
                    significand = significand * 10 + (c - '0');
                    significantDigits++;
                }
                if (afterPoint) {
                    scale--;
                }
            } else {
                if (!afterPoint) {
                    scale++;
                }
                exact &= c == '0';
            }
            digits++;
            i++;
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (i < to && (text[i] == 'e' || text[i] == 'E')) {
            i++;
            boolean exponentNegative = false;
            if (i < to && (text[i] == '+' || text[i] == '-')) {
                exponentNegative = text[i] == '-';
                i++;
            }
            int exponent = 0;
            int exponentDigits = 0;
            while (i < to) {
                char c = text[i];
                if (c < '0' || c > '9') {
                    break;
                }
                exponent = Math.min(exponent * 10 + (c - '0'), 100_000);
                exponentDigits++;
                i++;
            }
            if (exponentDigits == 0) {
                return Double.NaN;
            }
            scale += exponentNegative ? -exponent : exponent;
        }
        if (i != to) {
            return Double.NaN;
        }
        double value;
        if (significand == 0) {
            value = 0;
        } else if (exact && significand <= MAX_EXACT && scale >= -22 && scale <= 22) {
            value = scale >= 0 ? significand * POWERS_OF_TEN[scale] : significand / POWERS_OF_TEN[-scale];
        } else {
            return Double.parseDouble(new String(text, from, to - from));
        }
        return negative ? -value : value;
    }
}
