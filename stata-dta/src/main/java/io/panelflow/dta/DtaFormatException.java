package io.panelflow.dta;

/** A file that is not a Stata dataset of a supported format, or is cut short; the message says what and where. */
public class DtaFormatException extends RuntimeException {
    public DtaFormatException(String message) {
        super(message);
    }
}
