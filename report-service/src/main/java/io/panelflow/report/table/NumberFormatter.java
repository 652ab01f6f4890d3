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
