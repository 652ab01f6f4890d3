package io.panelflow.report.replication;

import io.panelflow.dta.DtaWriter;
import io.panelflow.model.panel.PanelColumn;
import io.panelflow.model.panel.PanelTable;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The estimation panel as a Stata dataset (format 118, Stata 14 and later; see {@link DtaWriter}): numeric columns
 * as doubles (missing as {@code .}), text columns as strings (missing as ""), variables named by {@link StataNames}
 * with the column's own name as the variable label where the two differ, the run id as the dataset label.
 */
public final class EstimationPanelDta {
    private EstimationPanelDta() {
    }

    /** The whole dataset as one array: for small panels (tests); a bundle uses the streaming variant. */
    public static byte[] write(String runId, PanelTable panel) {
        return DtaWriter.write118(columns(panel), panel.rows(), label(runId), timestamp());
    }

    /** The same dataset written to {@code out} as it is made (the panel's row count is known up front). */
    public static void write(String runId, PanelTable panel, OutputStream out) throws IOException {
        DtaWriter.write118(columns(panel), panel.rows(), label(runId), timestamp(), out);
    }

    private static List<DtaWriter.Column> columns(PanelTable panel) {
        Map<String, String> names = StataNames.of(panel.columns().stream().map(PanelColumn::name).toList());
        List<DtaWriter.Column> columns = new ArrayList<>();
        for (PanelColumn c : panel.columns()) {
            String name = names.get(c.name());
            if (c.kind() == PanelColumn.ColumnKind.NUMERIC) {
                // a panel column's numbers are NaN where missing, as the writer's are
                columns.add(DtaWriter.Column.numeric(name, c.name(), c.numbers()));
            } else {
                columns.add(DtaWriter.Column.text(name, c.name(), c.texts()));
            }
        }
        return columns;
    }

    private static String label(String runId) {
        return "panelflow run " + runId;
    }

    private static LocalDateTime timestamp() {
        return LocalDateTime.now(ZoneOffset.UTC).withSecond(0).withNano(0);
    }
}
