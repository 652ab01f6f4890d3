package io.panelflow.report.table;

/**
 * Significance stars as Stata's esttab prints them in Chinese journals: {@code *} for p &lt; 0.1,
 * {@code **} for p &lt; 0.05, {@code ***} for p &lt; 0.01. The thresholds are strict: p = 0.05 earns
 * one star, p = 0.01 two.
 */
public final class SignificanceStars {

    public static final String LEGEND = "* p < 0.1, ** p < 0.05, *** p < 0.01";

    private SignificanceStars() {
    }

    public static String of(double pValue) {
        if (!Double.isFinite(pValue) || pValue < 0) {
            return "";
        }
        if (pValue < 0.01) {
            return "***";
        }
        if (pValue < 0.05) {
            return "**";
        }
        if (pValue < 0.1) {
            return "*";
        }
        return "";
    }
}
