package io.panelflow.report.replication;

import io.panelflow.model.panel.PanelColumn;
import io.panelflow.model.panel.PanelTable;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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

    /** The whole CSV as one string: for small panels (tests, previews); a bundle uses the streaming variant. */
    public static String write(PanelTable panel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(panel, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The same bytes as {@link #write(PanelTable)} (UTF-8), written row by row to {@code out}, so the text of a
     * panel of millions of rows is never held in memory; {@code out} is flushed, not closed.
     */
    public static void write(PanelTable panel, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        List<PanelColumn> columns = panel.columns();
        for (int j = 0; j < columns.size(); j++) {
            w.write(j == 0 ? "" : ",");
            w.write(quote(columns.get(j).name()));
        }
        w.write("\r\n");
        for (int i = 0; i < panel.rows(); i++) {
            for (int j = 0; j < columns.size(); j++) {
                if (j > 0) {
                    w.write(',');
                }
                PanelColumn c = columns.get(j);
                if (c.kind() == PanelColumn.ColumnKind.NUMERIC) {
                    w.write(number(c.numbers()[i]));
                } else if (c.texts()[i] != null) {
                    w.write(quote(c.texts()[i]));
                }
            }
            w.write("\r\n");
        }
        w.flush();
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
