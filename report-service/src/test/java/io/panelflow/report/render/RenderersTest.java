package io.panelflow.report.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.panelflow.report.table.Table;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenderersTest {

    @Test
    void htmlHasJournalTablesAndInlineSvg() {
        String html = new HtmlRenderer().render(SampleContent.content());
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertEquals(2, count(html, "<table class=\"journal\">"));
        assertTrue(html.contains("<caption>Table 1. Baseline regression</caption>"));
        assertTrue(html.contains("<caption>Table 2. Instrumental variables</caption>"));
        assertTrue(html.contains("<th colspan=\"3\" class=\"spanned\">Equalization &amp; access_100%</th>"), html);
        assertTrue(html.contains("<td>0.261***</td>"));
        assertTrue(html.contains("<svg "));
        assertTrue(html.contains("Figure 1. DT across columns"));
        assertTrue(html.contains("<tr class=\"panel\"><td colspan=\"2\">Panel A: Second stage</td></tr>"), html);
        assertFalse(html.contains("NaN"));
        assertFalse(html.contains("<link") || html.contains("<script"), "self-contained");
    }

    @Test
    void markdownPipeTablesHaveTheSameColumnCountOnEveryLine() {
        String md = new MarkdownRenderer().render(SampleContent.content());
        List<String> tableLines = md.lines().filter(l -> l.startsWith("|")).toList();
        assertFalse(tableLines.isEmpty());
        String baseline = new MarkdownRenderer().table(SampleContent.baseline(), 1);
        for (String line : baseline.lines().filter(l -> l.startsWith("|")).toList()) {
            assertEquals(5, pipes(line), line);
        }
        assertTrue(baseline.contains("| Equalization & access\\_100% (1) |"), baseline);
        assertTrue(baseline.contains("| DT | 0.261\\*\\*\\* | 0.282\\*\\*\\* | 0.272\\*\\* |"), baseline);
        String iv = new MarkdownRenderer().table(SampleContent.iv(), 2);
        iv.lines().filter(l -> l.startsWith("|")).forEach(l -> assertEquals(3, pipes(l), l));
        assertTrue(md.contains("```yaml\nname: x"));
        assertTrue(md.contains("data:image/svg+xml;base64,"));
    }

    private static int pipes(String line) {
        return line.replace("\\|", "").length() - line.replace("\\|", "").replace("|", "").length();
    }

    @Test
    void latexIsBalancedAndEveryRowHasTheTableWidth() {
        String tex = new LatexRenderer().render(SampleContent.content());
        Deque<String> open = new ArrayDeque<>();
        Matcher m = Pattern.compile("\\\\(begin|end)\\{([^}]+)}").matcher(tex);
        while (m.find()) {
            if (m.group(1).equals("begin")) {
                open.push(m.group(2));
            } else {
                assertEquals(open.pop(), m.group(2), "environment closed out of order");
            }
        }
        assertTrue(open.isEmpty(), "unclosed: " + open);
        assertEquals(2, count(tex, "\\begin{tabular}"));
        assertTrue(tex.contains("\\usepackage{booktabs}"));
        assertTrue(tex.contains("Equalization \\& access\\_100\\%"));
        assertTrue(tex.contains("$-$0.319*"), "minus typeset as math minus");
        assertTrue(tex.contains("\\IfFileExists{figure-baseline.png}"));

        String table = new LatexRenderer().table(SampleContent.baseline());
        String body = table.substring(table.indexOf("\\toprule"), table.indexOf("\\bottomrule"));
        for (String line : body.split("\n")) {
            if (!line.endsWith("\\\\")) {
                continue;
            }
            int columns = 0;
            Matcher multi = Pattern.compile("\\\\multicolumn\\{(\\d+)}").matcher(line);
            int spans = 0;
            int multis = 0;
            while (multi.find()) {
                spans += Integer.parseInt(multi.group(1));
                multis++;
            }
            columns = line.split("(?<!\\\\)&", -1).length - multis + spans;
            assertEquals(4, columns, line);
        }
        assertTrue(table.contains("\\multicolumn{3}{c}{Equalization \\& access\\_100\\%}"));
        assertTrue(table.contains("\\cmidrule(lr){2-4}"));
    }

    @Test
    void latexRowStartingWithABracketIsGuarded() {
        Table t = new Table("b", "B", java.util.List.of(java.util.List.of(io.panelflow.report.table.Cell.text("x"),
                io.panelflow.report.table.Cell.text("y"))), java.util.List.of(io.panelflow.report.table.TableSection.untitled(
                java.util.List.of(io.panelflow.report.table.Row.of(io.panelflow.report.table.RowKind.DATA, "[0.1]",
                        java.util.List.of(io.panelflow.report.table.Cell.text("1")))))), java.util.List.of());
        assertTrue(new LatexRenderer().table(t).contains("\n{}[0.1] & 1 \\\\\n"));
    }

    @Test
    void latexEscapesSpecials() {
        assertEquals("a\\_b \\& c\\% \\$ \\# \\{\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{} R\\textsuperscript{2} $\\times$",
                LatexRenderer.escape("a_b & c% $ # {} ~ ^ \\ R² ×"));
    }

    @Test
    void docxHasRealTablesWithCellsAndAnEmbeddedPicture() throws Exception {
        byte[] bytes = new DocxRenderer().render(SampleContent.content());
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
            assertEquals(2, doc.getTables().size());
            XWPFTable baseline = doc.getTables().get(0);
            assertEquals("Equalization & access_100%", baseline.getRow(0).getCell(1).getText());
            assertEquals("(1)", baseline.getRow(1).getCell(1).getText());
            assertEquals("DT", baseline.getRow(2).getCell(0).getText());
            assertEquals("0.261***", baseline.getRow(2).getCell(1).getText());
            assertEquals("(0.042)", baseline.getRow(3).getCell(1).getText());
            assertEquals(3, baseline.getRow(0).getCell(1).getCTTc().getTcPr().getGridSpan().getVal().intValue());
            assertEquals(1, doc.getAllPictures().size());
            assertTrue(doc.getParagraphs().stream().anyMatch(p -> p.getText().equals("Table 2. Instrumental variables")));
            XWPFTable iv = doc.getTables().get(1);
            assertEquals(SampleContent.iv().headers().size(), 3);
            assertEquals("Panel A: Second stage", iv.getRow(3).getCell(0).getText());
            assertEquals("0.826***", iv.getRow(4).getCell(1).getText());
        }
    }

    @Test
    void csvEscapesFormulaInjectionButKeepsNumbers() {
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", CsvRenderer.field("=HYPERLINK(\"x\")"));
        assertEquals("'+1", CsvRenderer.field("+1"));
        assertEquals("'@SUM(A1)", CsvRenderer.field("@SUM(A1)"));
        assertEquals("'\tx", CsvRenderer.field("\tx"));
        assertEquals("\"'\rx\"", CsvRenderer.field("\rx"));
        assertEquals("'-2+3", CsvRenderer.field("-2+3"));
        assertEquals("'-0.319*", CsvRenderer.field("-0.319*"));
        assertEquals("-0.319", CsvRenderer.field("-0.319"));
        assertEquals("\"a,b\"", CsvRenderer.field("a,b"));

        Table t = SampleContent.baseline();
        String csv = new CsvRenderer(CsvRenderer.Mode.DISPLAY).table(t);
        assertTrue(csv.contains("\r\nDT,0.261***,0.282***,0.272**\r\n"), csv);
        assertTrue(csv.contains("\r\nln GDP,,'-0.319*,'-0.265**\r\n"), csv);
        csv.lines().forEach(l -> assertTrue(l.split(",", -1).length >= 4, l));
        String values = new CsvRenderer(CsvRenderer.Mode.VALUES).table(t);
        assertTrue(values.contains("\r\nln GDP,,-0.3191,-0.2654\r\n"), values);
        Map<String, String> files = new CsvRenderer(CsvRenderer.Mode.DISPLAY).renderEach(List.of(t, SampleContent.iv()));
        assertEquals(List.of("baseline.csv", "iv.csv"), List.copyOf(files.keySet()));
    }

    @Test
    void jsonParsesAndCarriesTextAndValues() throws Exception {
        String json = new JsonRenderer().render(SampleContent.content(), Map.of("runId", "r-1"));
        JsonNode root = new ObjectMapper().readTree(json);
        assertEquals("r-1", root.get("runId").asText());
        assertEquals(2, root.get("tables").size());
        JsonNode dt = root.get("tables").get(0).get("sections").get(0).get("rows").get(0).get("cells").get(1);
        assertEquals("0.261***", dt.get("text").asText());
        assertEquals(0.261, dt.get("value").asDouble(), 1e-12);
        assertEquals(4, root.get("tables").get(0).get("columns").asInt());
        assertTrue(root.get("figures").get(0).get("svg").asText().startsWith("<svg"));
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
