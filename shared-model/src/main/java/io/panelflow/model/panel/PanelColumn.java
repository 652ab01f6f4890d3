package io.panelflow.model.panel;

/**
 * One column of a panel on the wire: numbers (null where missing) or texts (null where missing).
 */
public record PanelColumn(String name, ColumnKind kind, Double[] numbers, String[] texts) {
    public enum ColumnKind { NUMERIC, TEXT }

    public static PanelColumn numeric(String name, Double[] numbers) {
        return new PanelColumn(name, ColumnKind.NUMERIC, numbers, null);
    }

    public static PanelColumn text(String name, String[] texts) {
        return new PanelColumn(name, ColumnKind.TEXT, null, texts);
    }

    public int length() {
        return kind == ColumnKind.NUMERIC ? numbers.length : texts.length;
    }
}
