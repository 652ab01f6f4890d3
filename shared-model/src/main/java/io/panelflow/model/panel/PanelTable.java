package io.panelflow.model.panel;

import java.util.List;

/**
 * A panel on the wire: its key columns (unit, time and, for lower-level units, group) and its columns.
 */
public record PanelTable(String unit, String time, String group, List<PanelColumn> columns) {
    public PanelTable {
        columns = List.copyOf(columns);
    }

    public int rows() {
        return columns.isEmpty() ? 0 : columns.get(0).length();
    }
}
