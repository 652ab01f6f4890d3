package io.panelflow.frame;

/** A column of a {@link PanelFrame}: numbers with NaN for missing, or texts with null for missing. */
public sealed interface Column permits Column.Numeric, Column.Text {

    int length();

    record Numeric(double[] values) implements Column {
        public int length() {
            return values.length;
        }
    }

    record Text(String[] values) implements Column {
        public int length() {
            return values.length;
        }
    }
}
