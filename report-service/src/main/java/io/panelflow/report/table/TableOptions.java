package io.panelflow.report.table;

import java.util.List;

/**
 * How tables are printed.
 *
 * @param decimals         digits after the decimal point for estimates and statistics
 * @param uncertainty      standard errors or t statistics in parentheses
 * @param collapseControls print a "Controls: Yes/No" row instead of the control coefficients
 * @param keyTerms         terms always shown when controls are collapsed; empty means the terms of the first column
 * @param missing          text for a missing number ({@code ""} or {@code "—"})
 */
public record TableOptions(int decimals, Uncertainty uncertainty, boolean collapseControls, List<String> keyTerms,
                           String missing) {

    public static final TableOptions DEFAULT = new TableOptions(3, Uncertainty.STANDARD_ERROR, false, List.of(), "");

    public TableOptions {
        if (decimals < 0 || decimals > 10) {
            throw new IllegalArgumentException("decimals must be between 0 and 10");
        }
        uncertainty = uncertainty == null ? Uncertainty.STANDARD_ERROR : uncertainty;
        keyTerms = keyTerms == null ? List.of() : List.copyOf(keyTerms);
        missing = missing == null ? "" : missing;
    }

    public TableOptions withDecimals(int d) {
        return new TableOptions(d, uncertainty, collapseControls, keyTerms, missing);
    }

    public TableOptions withUncertainty(Uncertainty u) {
        return new TableOptions(decimals, u, collapseControls, keyTerms, missing);
    }

    public TableOptions collapsingControls(List<String> keep) {
        return new TableOptions(decimals, uncertainty, true, keep, missing);
    }

    public TableOptions withMissing(String m) {
        return new TableOptions(decimals, uncertainty, collapseControls, keyTerms, m);
    }

    public NumberFormatter numbers() {
        return new NumberFormatter(decimals, missing);
    }
}
