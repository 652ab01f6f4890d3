package io.panelflow.report.replication;

import io.panelflow.model.panel.PanelColumn;
import io.panelflow.model.panel.PanelTable;

import java.util.List;

/**
 * The estimation panel as CSV (RFC 4180, UTF-8, header row): the cleaned panel with derived and index columns,
 * exactly the rows and values the models were estimated on. Numbers are written so that R, Stata and Java read
 * back the same double (whole numbers without a decimal point, others in Java's shortest round-trip form);
 * a missing value is an empty cell.
 */
public final class EstimationPanelCsv {
    private EstimationPanelCsv() {
    }

    public static String write(PanelTable panel) {
        StringBuilder b = new StringBuilder();
        List<PanelColumn> columns = panel.columns();
        for (int j = 0; j < columns.size(); j++) {
            b.append(j == 0 ? "" : ",").append(quote(columns.get(j).name()));
        }
        b.append("\r\n");
        for (int i = 0; i < panel.rows(); i++) {
            for (int j = 0; j < columns.size(); j++) {
                if (j > 0) {
                    b.append(',');
                }
                PanelColumn c = columns.get(j);
                if (c.kind() == PanelColumn.ColumnKind.NUMERIC) {
                    b.append(number(c.numbers()[i]));
                } else if (c.texts()[i] != null) {
                    b.append(quote(c.texts()[i]));
                }
            }
            b.append("\r\n");
        }
        return b.toString();
    }

    static String number(Double v) {
        if (v == null || !Double.isFinite(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString(v.longValue());
        }
        return Double.toString(v);
    }

    static String quote(String s) {
        if (s.isEmpty() || s.chars().anyMatch(ch -> ch == ',' || ch == '"' || ch == '\n' || ch == '\r')
                || !s.strip().equals(s)) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
