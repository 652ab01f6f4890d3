package io.panelflow.report.table;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Formats numbers for tables: a fixed number of decimals, rounding half away from zero as Stata
 * does, a plain minus sign, no negative zero ("-0.000" prints as "0.000"), and the missing text for
 * NaN, infinities and null — never "NaN".
 */
public record NumberFormatter(int decimals, String missing) {

    public NumberFormatter {
        missing = missing == null ? "" : missing;
    }

    public String format(Double value) {
        return value == null ? missing : format(value.doubleValue());
    }

    public String format(double value) {
        return fixed(value, decimals);
    }

    public String fixed(double value, int digits) {
        if (!Double.isFinite(value)) {
            return missing;
        }
        BigDecimal rounded = new BigDecimal(Double.toString(value)).setScale(digits, RoundingMode.HALF_UP);
        if (rounded.signum() == 0) {
            rounded = rounded.abs();
        }
        return rounded.toPlainString();
    }

    /**
     * A p-value: fixed decimals, and below the smallest printable value ("0.000" at three decimals) the bound
     * itself, "&lt;0.001", as journals print it.
     */
    public String pValue(Double p) {
        if (p == null || !Double.isFinite(p)) {
            return missing;
        }
        int digits = Math.max(decimals, 1);
        double smallest = BigDecimal.ONE.movePointLeft(digits).doubleValue();
        return p < smallest ? "<" + fixed(smallest, digits) : fixed(p, digits);
    }

    public Cell pValueCell(Double p) {
        return p == null || !Double.isFinite(p) ? Cell.text(missing) : Cell.number(pValue(p), p);
    }

    /** A number that counts something (an integer type, or a whole double) prints without decimals. */
    public static boolean isCount(Number value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof java.math.BigInteger;
    }

    /** Counts: no decimals, digits only. */
    public String integer(Number value) {
        return value == null ? missing : Long.toString(value.longValue());
    }

    public Cell cell(Double value) {
        return value == null || !Double.isFinite(value) ? Cell.text(missing) : Cell.number(format(value), value);
    }

    public Cell countCell(Number value) {
        return value == null ? Cell.text(missing) : Cell.number(integer(value), value.doubleValue());
    }
}
