package io.panelflow.dta;

/** Number conversions shared by the reader and its users. */
public final class DtaNumbers {
    private DtaNumbers() {
    }

    /**
     * A Stata {@code float} as the decimal number it displays: the shortest decimal that reads back as the same
     * float (0.1f gives 0.1, not 0.10000000149011612), so that a float column gives the values an export to CSV
     * would show.
     */
    public static double fromFloat(float x) {
        return Double.parseDouble(Float.toString(x));
    }
}
