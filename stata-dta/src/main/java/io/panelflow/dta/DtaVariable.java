package io.panelflow.dta;

/**
 * One variable of a dataset.
 *
 * @param name            the variable's name
 * @param type            its storage type
 * @param strWidth        the width of a {@code str#} variable (bytes), else 0
 * @param format          its display format, e.g. {@code %9.0g}, {@code %td}
 * @param valueLabelName  the value-label set attached to it, or empty
 * @param label           its variable label, or empty
 */
public record DtaVariable(String name, DtaType type, int strWidth, String format, String valueLabelName, String label) {

    public boolean hasValueLabels() {
        return valueLabelName != null && !valueLabelName.isEmpty();
    }
}
