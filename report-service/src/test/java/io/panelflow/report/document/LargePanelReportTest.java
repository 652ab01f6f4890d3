package io.panelflow.report.document;

import io.panelflow.model.result.IndexResult;
import io.panelflow.model.result.IndexValue;
import io.panelflow.report.table.IndexTables;
import io.panelflow.report.table.Labels;
import io.panelflow.report.table.Table;
import io.panelflow.report.table.TableOptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A panel of many units: documents for reading show the first units and say where the rest are; CSV has all. */
class LargePanelReportTest {
    static IndexResult manyUnits(int units) {
        List<IndexValue> values = new ArrayList<>();
        for (int u = 0; u < units; u++) {
            for (int t = 2019; t <= 2021; t++) {
                values.add(new IndexValue("unit-" + u, Integer.toString(t), u * 0.001 + t * 0.01));
            }
        }
        return new IndexResult("DI", "entropy", "pooled", Map.of("a", 0.4, "b", 0.6), Map.of(), values);
    }

    @Test
    void perUnitTablesAreCappedInlineAndCompleteInCsv() {
        Table capped = new IndexTables(Labels.none(), TableOptions.DEFAULT).values(manyUnits(2500), ReportAssembler.MAX_INLINE_UNITS);
        assertEquals(ReportAssembler.MAX_INLINE_UNITS, capped.rows().size());
        assertTrue(capped.notes().stream().anyMatch(n -> n.contains("The first 100 of 2500 units are shown")), capped.notes().toString());

        RunReport report = new RunReport("run-big", ReportDocumentsTest.spec(), null, null, List.of(manyUnits(2500)),
                List.of(), null, false, "0.1.0");
        String html = new String(ReportDocuments.render(report, Format.HTML), StandardCharsets.UTF_8);
        assertTrue(html.contains("unit-99<") || html.contains("unit-99 "), "the 100th unit is shown");
        assertTrue(!html.contains("unit-100<") && !html.contains(">unit-2499<"), "later units are not");
        assertTrue(html.contains("every unit is in the report&#39;s CSV download") || html.contains("every unit is in the report's CSV download"));
        assertTrue(html.length() < 2_000_000, "the HTML stays small: " + html.length());
        String csv = new String(ReportDocuments.render(report, Format.CSV), StandardCharsets.UTF_8);
        assertTrue(csv.contains("unit-2499"), "the CSV download has every unit");
        var all = ReportDocuments.renderAll(report, TableOptions.DEFAULT);
        assertEquals(html, new String(all.get(Format.HTML), StandardCharsets.UTF_8), "rendered together as alone");
        assertTrue(new String(all.get(Format.CSV), StandardCharsets.UTF_8).contains("unit-2499"));
    }
}
