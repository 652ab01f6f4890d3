package io.panelflow.report.render;

import io.panelflow.report.figure.Figure;
import io.panelflow.report.table.Cell;
import io.panelflow.report.table.Row;
import io.panelflow.report.table.Table;
import io.panelflow.report.table.TableSection;
import io.panelflow.report.text.ReportText;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Markdown with pipe tables. A pipe table has one header row and no spans, so upper header
 * levels are folded into the column heading ("Region: East (1)") and panel titles become a row
 * in italics. Figures are embedded as SVG data URIs.
 */
public final class MarkdownRenderer {

    public String render(ReportContent content) {
        StringBuilder out = new StringBuilder("# ").append(inline(content.title())).append("\n\n");
        if (content.subtitle() != null && !content.subtitle().isBlank()) {
            out.append('_').append(inline(content.subtitle())).append("_\n\n");
        }
        int tables = 0;
        int figures = 0;
        for (Section section : content.sections()) {
            out.append("## ").append(inline(section.title())).append("\n\n");
            for (Block block : section.blocks()) {
                if (block instanceof Block.Paragraph p) {
                    out.append(inline(p.text())).append("\n\n");
                } else if (block instanceof Block.Facts f) {
                    f.items().forEach(i -> out.append("- ").append(inline(i)).append('\n'));
                    out.append('\n');
                } else if (block instanceof Block.TableBlock t) {
                    out.append(table(t.table(), ++tables, content.text())).append('\n');
                } else if (block instanceof Block.FigureBlock f) {
                    out.append(figure(f.figure(), ++figures, content.text())).append('\n');
                } else if (block instanceof Block.Code c) {
                    out.append("```").append(c.language()).append('\n').append(c.text())
                        .append(c.text().endsWith("\n") ? "" : "\n").append("```\n\n");
                }
            }
        }
        return out.toString();
    }

    public String table(Table table, int number) {
        return table(table, number, ReportText.ENGLISH);
    }

    public String table(Table table, int number, ReportText text) {
        int columns = table.columnCount();
        StringBuilder out = new StringBuilder("**").append(inline(text.tableCaption(number, table.title()))).append("**\n\n");
        out.append(line(foldedHeader(table, columns)));
        List<String> align = new ArrayList<>();
        align.add(":---");
        for (int i = 1; i < columns; i++) {
            align.add(":---:");
        }
        out.append('|').append(String.join("|", align)).append("|\n");
        for (TableSection section : table.sections()) {
            if (section.hasTitle()) {
                List<String> cells = new ArrayList<>();
                cells.add("*" + cell(section.title()) + "*");
                for (int i = 1; i < columns; i++) {
                    cells.add("");
                }
                out.append(line(cells));
            }
            for (Row row : section.rows()) {
                out.append(line(expand(row.cells())));
            }
        }
        if (!table.notes().isEmpty()) {
            out.append("\n_").append(inline(text.notesLead())).append('_').append(text.isChinese() ? "" : " ")
                    .append(inline(text.joinNotes(table.notes()))).append('\n');
        }
        return out.toString();
    }

    private static List<String> foldedHeader(Table table, int columns) {
        List<List<String>> levels = table.headers().stream().map(MarkdownRenderer::expandRepeating).toList();
        List<String> header = new ArrayList<>();
        for (int col = 0; col < columns; col++) {
            List<String> parts = new ArrayList<>();
            for (List<String> level : levels) {
                String text = col < level.size() ? level.get(col) : "";
                if (!text.isBlank() && (parts.isEmpty() || !parts.get(parts.size() - 1).equals(text))) {
                    parts.add(text);
                }
            }
            header.add(cell(String.join(" ", parts)));
        }
        return header;
    }

    /** A spanning header cell is repeated over each column it covers. */
    private static List<String> expandRepeating(List<Cell> cells) {
        List<String> out = new ArrayList<>();
        for (Cell c : cells) {
            for (int i = 0; i < c.span(); i++) {
                out.add(c.text());
            }
        }
        return out;
    }

    /** A spanning body cell keeps its text in its first column, the rest empty. */
    private static List<String> expand(List<Cell> cells) {
        List<String> out = new ArrayList<>();
        for (Cell c : cells) {
            out.add(cell(c.text()));
            for (int i = 1; i < c.span(); i++) {
                out.add("");
            }
        }
        return out;
    }

    private static String line(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    private static String figure(Figure figure, int number, ReportText text) {
        String data = Base64.getEncoder().encodeToString(figure.svg().getBytes(StandardCharsets.UTF_8));
        return "![" + inline(text.figureCaption(number, figure.caption())) + "](data:image/svg+xml;base64," + data + ")\n\n"
                + "_" + inline(text.get("caption.figure.label", number)) + "_ " + inline(figure.caption())
                + (figure.notes() == null ? "" : " " + inline(figure.notes())) + "\n";
    }

    /** Escapes a table cell: pipes and backslashes, no line breaks, and Markdown's emphasis characters. */
    static String cell(String text) {
        return inline(text).replace("|", "\\|").replace("\n", " ").replace("\r", " ");
    }

    static String inline(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("`", "\\`")
                .replace("<", "&lt;");
    }
}
