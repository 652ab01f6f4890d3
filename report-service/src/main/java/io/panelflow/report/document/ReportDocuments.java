package io.panelflow.report.document;

import io.panelflow.report.figure.Figure;
import io.panelflow.report.render.CsvRenderer;
import io.panelflow.report.render.DocxRenderer;
import io.panelflow.report.render.HtmlRenderer;
import io.panelflow.report.render.JsonRenderer;
import io.panelflow.report.render.LatexRenderer;
import io.panelflow.report.render.MarkdownRenderer;
import io.panelflow.report.render.ReportContent;
import io.panelflow.report.table.TableOptions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The report-service's entry point for documents: a run's report in any format, all drawn from
 * one assembled content so the formats never disagree.
 */
public final class ReportDocuments {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private ReportDocuments() {
    }

    public static byte[] render(RunReport report, Format format) {
        return render(report, format, TableOptions.DEFAULT);
    }

    public static byte[] render(RunReport report, Format format, TableOptions options) {
        ReportContent content = new ReportAssembler(options,
                format == Format.CSV ? Integer.MAX_VALUE : ReportAssembler.MAX_INLINE_UNITS).assemble(report);
        return render(report, format, content);
    }

    /**
     * Every format, assembled once (the figures drawn once) for the documents meant for reading and, only when a
     * per-unit table was shortened for them, once more without the cap for the CSV download.
     */
    public static Map<Format, byte[]> renderAll(RunReport report, TableOptions options) {
        ReportContent content = new ReportAssembler(options, ReportAssembler.MAX_INLINE_UNITS).assemble(report);
        ReportContent full = ReportAssembler.shortens(report, ReportAssembler.MAX_INLINE_UNITS)
                ? new ReportAssembler(options, Integer.MAX_VALUE).assemble(report) : content;
        Map<Format, byte[]> out = new LinkedHashMap<>();
        for (Format f : Format.values()) {
            out.put(f, render(report, f, f == Format.CSV ? full : content));
        }
        return out;
    }

    private static byte[] render(RunReport report, Format format, ReportContent content) {
        return switch (format) {
            case HTML -> utf8(new HtmlRenderer().render(content));
            case MARKDOWN -> utf8(new MarkdownRenderer().render(content));
            case LATEX -> utf8(new LatexRenderer().render(content));
            case DOCX -> new DocxRenderer().render(content);
            case CSV -> withBom(new CsvRenderer(CsvRenderer.Mode.DISPLAY).render(content.tables()));
            case JSON -> utf8(new JsonRenderer().render(content, ReproducibilitySection.metadata(report)));
        };
    }

    /** A zip with {@code report.tex} and the figure PNGs it includes, ready for pdfLaTeX (XeLaTeX for a Chinese report). */
    public static byte[] latexBundle(RunReport report) {
        ReportContent content = new ReportAssembler(TableOptions.DEFAULT).assemble(report);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("report.tex", utf8(new LatexRenderer().render(content)));
        for (Figure f : content.figures()) {
            files.put(f.fileName(), f.png());
        }
        return zip(files);
    }

    /** One CSV file per table, zipped, keyed {@code <table id>.csv}. */
    public static byte[] csvBundle(RunReport report, CsvRenderer.Mode mode) {
        ReportContent content = new ReportAssembler(TableOptions.DEFAULT, Integer.MAX_VALUE).assemble(report);
        Map<String, byte[]> files = new LinkedHashMap<>();
        new CsvRenderer(mode).renderEach(content.tables()).forEach((name, text) -> files.put(name, withBom(text)));
        return zip(files);
    }

    /** A download name such as {@code panelflow-<runId>.docx}. */
    public static String fileName(RunReport report, Format format) {
        String run = report.runId() == null ? "report" : report.runId().replaceAll("[^A-Za-z0-9._-]", "_");
        return "panelflow-" + run + "." + format.extension();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] withBom(String s) {
        byte[] body = utf8(s);
        byte[] out = new byte[UTF8_BOM.length + body.length];
        System.arraycopy(UTF8_BOM, 0, out, 0, UTF8_BOM.length);
        System.arraycopy(body, 0, out, UTF8_BOM.length, body.length);
        return out;
    }

    private static byte[] zip(Map<String, byte[]> files) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
