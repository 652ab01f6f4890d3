package io.panelflow.model.panel;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * One column of a panel on the wire: numbers (NaN where missing) or texts (null where missing).
 * In JSON a missing number is written as {@code null}; between stages the panel travels as Arrow IPC.
 */
public record PanelColumn(String name, ColumnKind kind,
                          @JsonSerialize(using = MissingNumbersJson.Writer.class)
                          @JsonDeserialize(using = MissingNumbersJson.Reader.class)
                          double[] numbers,
                          String[] texts) {
    public enum ColumnKind { NUMERIC, TEXT }

    public static PanelColumn numeric(String name, double[] numbers) {
        return new PanelColumn(name, ColumnKind.NUMERIC, numbers, null);
    }

    public static PanelColumn text(String name, String[] texts) {
        return new PanelColumn(name, ColumnKind.TEXT, null, texts);
    }

    public int length() {
        return kind == ColumnKind.NUMERIC ? numbers.length : texts.length;
    }
}
