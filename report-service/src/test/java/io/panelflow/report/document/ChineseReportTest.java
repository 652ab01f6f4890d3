package io.panelflow.report.document;

import io.panelflow.model.event.DataProvenance;
import io.panelflow.model.result.ModelResult;
import io.panelflow.model.result.StudyResults;
import io.panelflow.model.spec.SpecReader;
import io.panelflow.model.spec.StudySpec;
import io.panelflow.report.render.DocxRenderer;
import io.panelflow.report.render.ReportContent;
import io.panelflow.report.table.SampleResults;
import io.panelflow.report.table.Table;
import io.panelflow.report.table.TableOptions;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTBorder;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFonts;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblBorders;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcBorders;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STBorder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code report: {language: zh}}: a report as Chinese journals print it — 表1/图1, 观测值, 省份固定效应, the note
 * 注：括号内为聚类到省份层面的稳健标准误；…, SimSun and Times New Roman in the DOCX with three-line tables,
 * LaTeX for XeLaTeX with ctex (compiled where xelatex is installed), and the same text in HTML and Markdown.
 */
class ChineseReportTest {

    static final String NOTE = "括号内为聚类到省份层面的稳健标准误；*、**、***分别表示在10%、5%、1%的水平上显著。";

    static StudySpec spec() {
        return SpecReader.read("""
                name: 数字技术与基本公共服务均等化
                data: {description: 省级面板数据。, synthetic: true}
                panel: {unit: province, time: year}
                models:
                  - id: baseline
                    formula: "Y ~ DT + log(pgdp) + urban | province + year"
                    vcov: {cluster: province}
                    stepwise: true
                labels: {Y: 基本公共服务均等化, DT: 数字技术, log(pgdp): 人均GDP对数, urban: 城镇化率}
                report: {language: zh}
                """);
    }

    static RunReport report() {
        List<ModelResult> models = new ArrayList<>();
        models.addAll(SampleResults.stepwise());
        models.addAll(SampleResults.robustness());
        models.addAll(SampleResults.iv());
        models.addAll(SampleResults.heterogeneity());
        models.addAll(SampleResults.mechanism());
        return new RunReport("run-zh", spec(),
                new DataProvenance("panel.csv", "ab".repeat(32), 12345, null, Instant.parse("2026-01-02T03:04:05Z"), "0.1.0"),
                SampleResults.quality(), List.of(SampleResults.index()), List.of(SampleResults.balance()),
                new StudyResults("run-zh", models, List.of()), false, "0.1.0");
    }

    private static ReportContent content() {
        return new ReportAssembler(TableOptions.DEFAULT).assemble(report());
    }

    private static Table baseline() {
        return content().tables().stream().filter(t -> t.id().equals("baseline")).findFirst().orElseThrow();
    }

    @Test
    void tablesUseTheJournalsRowLabelsAndNote() {
        Table t = baseline();
        assertEquals("基准回归结果", t.title());
        assertEquals("变量", t.headers().get(t.headers().size() - 1).get(0).text());
        assertEquals("基本公共服务均等化", t.headers().get(0).get(1).text(), "the dependent variable's label from the spec");
        assertNotNull(t.row("数字技术"), "variable labels from the spec");
        assertNotNull(t.row("人均GDP对数"));
        assertNotNull(t.row("观测值"));
        assertNotNull(t.row("R²"));
        assertNotNull(t.row("调整R²"));
        assertNotNull(t.row("组内R²"));
        assertNotNull(t.row("聚类数"));
        assertEquals("是", t.row("省份固定效应").cells().get(1).text(), "<unit label>固定效应");
        assertNotNull(t.row("年份固定效应"));
        assertNotNull(t.row("省份×年份固定效应"), "interacted fixed effects");
        assertEquals(List.of(NOTE), t.notes());
    }

    @Test
    void thresholdRegimesReadInChinese() {
        java.util.Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("thresholdVariable", "log(pgdp)");
        d.put("gamma", 11.077069633851828);
        ModelResult m = SampleResults.model("threshold/development", "threshold", "development",
                List.of(SampleResults.coef("DT_low", 1.18, 0.06, 1e-9), SampleResults.coef("DT_high", 1.09, 0.05, 1e-9)),
                SampleResults.TWO_WAY, d);
        java.util.Map<String, String> labels = io.panelflow.report.table.ThresholdRegimes.labels(List.of(m),
                new io.panelflow.report.table.Labels(spec()));
        assertEquals("数字技术（人均GDP对数 ≤ 11.08）", labels.get("DT_low"));
        assertEquals("数字技术（人均GDP对数 > 11.08）", labels.get("DT_high"));
    }

    @Test
    void sectionsAndOtherTablesAreInChinese() {
        ReportContent c = content();
        List<String> sections = c.sections().stream().map(s -> s.title()).toList();
        assertEquals(List.of("数据", "数据质量", "描述性统计", "指数测度", "基准回归", "稳健性检验", "内生性检验：工具变量法",
                "异质性分析", "机制检验", "可重复性信息"), sections);
        Table descriptives = c.tables().stream().filter(t -> t.id().equals("descriptives")).findFirst().orElseThrow();
        assertEquals(List.of("变量", "变量符号", "观测值", "均值", "标准差", "最小值", "中位数", "最大值"),
                descriptives.headers().get(0).stream().map(x -> x.text()).toList());
        Table iv = c.tables().stream().filter(t -> t.id().equals("iv")).findFirst().orElseThrow();
        assertEquals("Panel A：第二阶段", iv.sections().get(0).title());
        assertTrue(iv.notes().contains(NOTE), iv.notes().toString());
        assertNotNull(iv.row("Kleibergen–Paap rk Wald F统计量"));
        Table structure = c.tables().stream().filter(t -> t.id().equals("data-structure")).findFirst().orElseThrow();
        assertEquals(List.of("观测值（行）", "个体数", "期数", "时间范围", "平衡面板", "缺口（缺失的个体-时期）"),
                structure.rows().stream().map(r -> r.label()).toList());
        Table robustness = c.tables().stream().filter(t -> t.id().equals("robustness")).findFirst().orElseThrow();
        assertEquals("被解释变量：基本公共服务均等化。", robustness.notes().get(0));
    }

    @Test
    void theDocxHasSimSunAndTimesNewRomanCaptionsNotesAndThreeLineTables() throws Exception {
        byte[] docx = ReportDocuments.render(report(), Format.DOCX);
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
            List<String> paragraphs = doc.getParagraphs().stream().map(XWPFParagraph::getText).toList();
            assertTrue(paragraphs.contains("表7 基准回归结果"), "caption 表n: " + paragraphs);
            assertTrue(paragraphs.stream().anyMatch(p -> p.startsWith("图1 ")), "figure caption 图n");
            assertTrue(paragraphs.contains("注：" + NOTE), "the journals' note");
            assertFalse(paragraphs.stream().anyMatch(p -> p.startsWith("Table ") || p.startsWith("Notes:")));
            // every run: East Asian font SimSun, ASCII and high-ANSI Times New Roman (the spec's code block aside)
            int checked = 0;
            for (XWPFParagraph p : doc.getParagraphs()) {
                for (XWPFRun r : p.getRuns()) {
                    if (r.getText(0) == null || "Courier New".equals(r.getFontFamily())) {
                        continue;
                    }
                    CTFonts f = r.getCTR().getRPr().getRFontsArray(0);
                    assertEquals(DocxRenderer.CJK_FONT, f.getEastAsia(), r.getText(0));
                    assertEquals(DocxRenderer.FONT, f.getAscii(), r.getText(0));
                    assertEquals(DocxRenderer.FONT, f.getHAnsi(), r.getText(0));
                    checked++;
                }
            }
            assertTrue(checked > 20, "runs checked: " + checked);
            String styles = entry(docx, "word/styles.xml");
            String defaults = styles.substring(styles.indexOf("<w:docDefaults"), styles.indexOf("</w:docDefaults>"));
            assertTrue(defaults.contains("w:eastAsia=\"SimSun\"") && defaults.contains("w:ascii=\"Times New Roman\"")
                    && defaults.contains("w:hAnsi=\"Times New Roman\""), defaults);
            assertTrue(defaults.contains("w:eastAsia=\"zh-CN\""), "Chinese as the East Asian language: " + defaults);

            XWPFTable table = doc.getTables().stream()
                    .filter(t -> t.getRow(t.getRows().size() - 1).getCell(0).getText().equals("聚类数")
                            || t.getText().contains("观测值")).filter(t -> t.getText().contains("省份固定效应"))
                    .findFirst().orElseThrow();
            assertEquals("数字技术", table.getRow(2).getCell(0).getText());
            CTTblBorders none = table.getCTTbl().getTblPr().getTblBorders();
            for (CTBorder b : List.of(none.getLeft(), none.getRight(), none.getInsideV(), none.getInsideH(),
                    none.getTop(), none.getBottom())) {
                assertEquals(STBorder.NONE, b.getVal(), "no table-wide rules, no vertical rules");
            }
            int headerRows = 2;
            int last = table.getRows().size() - 1;
            for (int c = 0; c < table.getRow(0).getTableCells().size(); c++) {
                assertRule(table.getRow(0).getCell(c), true, 12, "top rule thick");
            }
            for (XWPFTableCell cell : table.getRow(headerRows - 1).getTableCells()) {
                assertRule(cell, false, 6, "thin rule under the header");
            }
            for (XWPFTableCell cell : table.getRow(last).getTableCells()) {
                assertRule(cell, false, 12, "bottom rule thick");
            }
            for (int r = 0; r <= last; r++) {
                for (XWPFTableCell cell : table.getRow(r).getTableCells()) {
                    CTTcBorders b = cell.getCTTc().getTcPr().getTcBorders();
                    assertFalse(b != null && (b.isSetLeft() || b.isSetRight() || b.isSetInsideV()), "no vertical rule");
                }
            }
        }
    }

    private static String entry(byte[] zipBytes, String name) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipBytes))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals(name)) {
                    return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no " + name);
    }

    private static void assertRule(XWPFTableCell cell, boolean top, int eighths, String what) {
        CTTcBorders b = cell.getCTTc().getTcPr().getTcBorders();
        CTBorder border = top ? b.getTop() : b.getBottom();
        assertNotNull(border, what);
        assertEquals(STBorder.SINGLE, border.getVal(), what);
        assertEquals(BigInteger.valueOf(eighths), border.getSz(), what);
    }

    @Test
    void htmlAndMarkdownSayTheSame() {
        String html = new String(ReportDocuments.render(report(), Format.HTML), StandardCharsets.UTF_8);
        assertTrue(html.contains("<html lang=\"zh-CN\">"));
        assertTrue(html.contains("<caption>表7 基准回归结果</caption>"), "caption");
        assertTrue(html.contains("<em>注：</em>" + NOTE), "note");
        assertTrue(html.contains(">省份固定效应<") && html.contains(">观测值<"));
        assertTrue(html.contains("SimSun"), "a Song face for Chinese text");
        String md = new String(ReportDocuments.render(report(), Format.MARKDOWN), StandardCharsets.UTF_8);
        assertTrue(md.contains("**表7 基准回归结果**"), "caption");
        assertTrue(md.contains("_注：_" + NOTE.replace("*", "\\*")), "note");
        assertTrue(md.contains("| 省份固定效应 |"));
        assertTrue(md.contains("## 基准回归"));
    }

    @Test
    void theLatexIsForXelatexWithCtex() {
        String tex = new String(ReportDocuments.render(report(), Format.LATEX), StandardCharsets.UTF_8);
        assertTrue(tex.contains("\\documentclass[11pt,UTF8]{ctexart}"), tex.substring(0, 300));
        assertFalse(tex.contains("inputenc"), "no pdfLaTeX input encoding under XeLaTeX");
        assertTrue(tex.contains("\\caption{基准回归结果}"));
        assertTrue(tex.contains("注：括号内为聚类到省份层面的稳健标准误；*、**、***分别表示在10\\%、5\\%、1\\%的水平上显著。"));
        assertTrue(tex.contains("省份固定效应 & 是"));
    }

    @Test
    void theChineseLatexCompilesWithXelatex(@TempDir Path dir) throws Exception {
        Path xelatex = executable("xelatex");
        Assumptions.assumeTrue(xelatex != null,
                "SKIPPED: xelatex not installed (Debian: texlive-xetex texlive-lang-chinese); the Chinese LaTeX was not compiled");
        Assumptions.assumeTrue(hasCjkFont(), "SKIPPED: no CJK font for XeLaTeX (ctex's Fandol fonts come with texlive-lang-chinese)");
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(ReportDocuments.latexBundle(report())))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                Files.write(dir.resolve(e.getName()), zip.readAllBytes());
            }
        }
        Process p = new ProcessBuilder(xelatex.toString(), "-interaction=nonstopmode", "-halt-on-error", "report.tex")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "xelatex finished");
        assertEquals(0, p.exitValue(), () -> "xelatex failed:\n" + out.substring(Math.max(0, out.length() - 3000)));
        assertTrue(Files.size(dir.resolve("report.pdf")) > 1000, "a PDF was written");
        String log = Files.readString(dir.resolve("report.log"), StandardCharsets.UTF_8);
        assertFalse(log.contains("Missing character"), "every character has a glyph:\n"
                + log.lines().filter(l -> l.contains("Missing character")).limit(5).toList());
    }

    /**
     * The DOCX opened by a word processor: LibreOffice converts it to PDF, and the PDF's text has the captions, the
     * Chinese row labels and the note. Skipped, visibly, where LibreOffice or pdftotext is not installed (CI does
     * not install them; the page images were looked at by hand).
     */
    @Test
    void aWordProcessorOpensTheDocxAndPrintsTheChineseText(@TempDir Path dir) throws Exception {
        Path soffice = executable("soffice");
        Path pdftotext = executable("pdftotext");
        Assumptions.assumeTrue(soffice != null && pdftotext != null,
                "SKIPPED: LibreOffice (soffice) or pdftotext not installed; the DOCX was checked by parsing only");
        Files.write(dir.resolve("report.docx"), ReportDocuments.render(report(), Format.DOCX));
        Process convert = new ProcessBuilder(soffice.toString(), "-env:UserInstallation=" + dir.resolve("profile").toUri(),
                "--headless", "--convert-to", "pdf", "--outdir", dir.toString(), dir.resolve("report.docx").toString())
                .redirectErrorStream(true).start();
        String out = new String(convert.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(convert.waitFor(300, TimeUnit.SECONDS), "LibreOffice finished");
        assertTrue(Files.isRegularFile(dir.resolve("report.pdf")), "LibreOffice wrote a PDF: " + out);
        Process text = new ProcessBuilder(pdftotext.toString(), "report.pdf", "-").directory(dir.toFile())
                .redirectErrorStream(true).start();
        // pdftotext spaces CJK from digits ("表 7"); compare without white space
        String printed = new String(text.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replaceAll("\\s+", "");
        assertTrue(text.waitFor(60, TimeUnit.SECONDS));
        for (String expected : List.of("表7基准回归结果", "省份固定效应", "年份固定效应", "观测值", "调整R²", "注：" + NOTE, "图1")) {
            assertTrue(printed.contains(expected), expected + " in the printed document");
        }
    }

    static Path executable(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Fandol (ctex's default on Linux) is found through kpsewhich; other CJK fonts through fontconfig. */
    private static boolean hasCjkFont() throws IOException, InterruptedException {
        Path kpsewhich = executable("kpsewhich");
        if (kpsewhich != null) {
            Process p = new ProcessBuilder(kpsewhich.toString(), "FandolSong-Regular.otf").redirectErrorStream(true).start();
            String found = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && !found.isEmpty()) {
                return true;
            }
        }
        Path fcList = executable("fc-list");
        if (fcList == null) {
            return false;
        }
        Process p = new ProcessBuilder(fcList.toString(), ":lang=zh").redirectErrorStream(true).start();
        String fonts = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return p.waitFor(30, TimeUnit.SECONDS) && !fonts.isEmpty();
    }
}
