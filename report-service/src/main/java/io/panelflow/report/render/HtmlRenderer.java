package io.panelflow.report.render;

import io.panelflow.report.figure.Figure;
import io.panelflow.report.table.Cell;
import io.panelflow.report.table.Row;
import io.panelflow.report.table.RowKind;
import io.panelflow.report.table.Table;
import io.panelflow.report.table.TableSection;
import io.panelflow.report.text.ReportText;

import java.util.List;

/**
 * A self-contained HTML page: inline CSS, tables with the journal's top, middle and bottom rules,
 * figures as inline SVG. Tables and figures are numbered in order.
 */
public final class HtmlRenderer {

    private static final String CSS = """
            body{font-family:"Times New Roman",Georgia,serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
            h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ddd}
            .subtitle{color:#555;margin-top:0}.synthetic{background:#fff4d6;border:1px solid #e0b84b;padding:.5em .8em}
            .table-wrap{overflow-x:auto;margin:1.2em 0 1.8em}
            table.journal{border-collapse:collapse;margin:0 auto;font-size:.92em}
            table.journal caption{caption-side:top;font-weight:bold;padding-bottom:.5em;text-align:center}
            table.journal thead tr:first-child th{border-top:2px solid #000}
            table.journal thead tr:last-child th{border-bottom:1px solid #000}
            table.journal th{font-weight:normal;padding:.25em .8em;text-align:center}
            table.journal th.spanned{border-bottom:1px solid #000}
            table.journal td{padding:.12em .8em;text-align:center;white-space:nowrap}
            table.journal td.stub{text-align:left}
            table.journal tr.uncertainty td{padding-top:0;color:#333}
            table.journal tr.rule td{border-top:1px solid #000}
            table.journal tr.panel td{font-style:italic;text-align:left;padding-top:.5em}
            table.journal tbody tr:last-child td{border-bottom:2px solid #000}
            .notes{font-size:.85em;max-width:860px;margin:.4em auto 0}
            figure{margin:1.5em 0;text-align:center}figcaption{font-size:.92em;margin-top:.3em}
            figcaption .fignote{display:block;font-size:.9em;color:#555}
            pre{background:#f7f7f7;padding:.8em;overflow-x:auto;font-size:.85em}
            ul.facts{padding-left:1.2em}
            """;

    /** Chinese text in a Song face, Latin letters and numbers in Times New Roman, as the journals print them. */
    private static final String CJK_CSS = """
            body{font-family:"Times New Roman","SimSun","宋体","Songti SC","Noto Serif CJK SC",serif}
            .notes{font-style:normal}
            """;

    public String render(ReportContent content) {
        StringBuilder out = new StringBuilder();
        ReportText text = content.text();
        out.append("<!DOCTYPE html>\n<html lang=\"").append(text.get("html.lang")).append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(content.title())).append("</title>\n<style>\n").append(CSS).append(text.isChinese() ? CJK_CSS : "")
                .append("</style>\n</head>\n<body>\n<h1>").append(escape(content.title())).append("</h1>\n");
        if (content.subtitle() != null && !content.subtitle().isBlank()) {
            out.append("<p class=\"subtitle\">").append(escape(content.subtitle())).append("</p>\n");
        }
        int[] counters = {0, 0};
        for (Section section : content.sections()) {
            out.append("<section id=\"").append(escape(section.id())).append("\">\n<h2>")
                    .append(escape(section.title())).append("</h2>\n");
            for (Block block : section.blocks()) {
                if (block instanceof Block.Paragraph p) {
                    out.append("<p").append(p.text().equals(text.get("data.synthetic"))
                        ? " class=\"synthetic\"" : "").append('>').append(escape(p.text())).append("</p>\n");
                } else if (block instanceof Block.Facts f) {
                    out.append("<ul class=\"facts\">\n");
                    f.items().forEach(i -> out.append("<li>").append(escape(i)).append("</li>\n"));
                    out.append("</ul>\n");
                } else if (block instanceof Block.TableBlock t) {
                    out.append(table(t.table(), ++counters[0], text));
                } else if (block instanceof Block.FigureBlock f) {
                    out.append(figure(f.figure(), ++counters[1], text));
                } else if (block instanceof Block.Code c) {
                    out.append("<pre><code class=\"language-").append(escape(c.language()))
                        .append("\">").append(escape(c.text())).append("</code></pre>\n");
                }
            }
            out.append("</section>\n");
        }
        return out.append("</body>\n</html>\n").toString();
    }

    /** One table as an HTML {@code <table>} with its caption and notes. */
    public String table(Table table, int number) {
        return table(table, number, ReportText.ENGLISH);
    }

    public String table(Table table, int number, ReportText text) {
        StringBuilder out = new StringBuilder("<div class=\"table-wrap\" id=\"table-")
                .append(escape(table.id())).append("\">\n<table class=\"journal\">\n<caption>")
                .append(escape(text.tableCaption(number, table.title()))).append("</caption>\n<thead>\n");
        for (List<Cell> header : table.headers()) {
            out.append("<tr>");
            for (Cell c : header) {
                out.append("<th");
                if (c.span() > 1) {
                    out.append(" colspan=\"").append(c.span()).append("\" class=\"spanned\"");
                }
                out.append('>').append(escape(c.text())).append("</th>");
            }
            out.append("</tr>\n");
        }
        out.append("</thead>\n<tbody>\n");
        boolean first = true;
        for (TableSection section : table.sections()) {
            boolean rule = !first;
            if (section.hasTitle()) {
                out.append("<tr class=\"panel").append(rule ? " rule" : "").append("\"><td colspan=\"")
                        .append(table.columnCount()).append("\">").append(escape(section.title())).append("</td></tr>\n");
                rule = false;
            }
            for (Row row : section.rows()) {
                String cls = (row.kind() == RowKind.UNCERTAINTY ? "uncertainty" : "") + (rule ? " rule" : "");
                out.append("<tr").append(cls.isBlank() ? "" : " class=\"" + cls.strip() + "\"").append('>');
                for (int i = 0; i < row.cells().size(); i++) {
                    Cell c = row.cells().get(i);
                    out.append("<td");
                    if (i == 0) {
                        out.append(" class=\"stub\"");
                    }
                    if (c.span() > 1) {
                        out.append(" colspan=\"").append(c.span()).append('"');
                    }
                    out.append('>').append(escape(c.text())).append("</td>");
                }
                out.append("</tr>\n");
                rule = false;
            }
            first = false;
        }
        out.append("</tbody>\n</table>\n");
        if (!table.notes().isEmpty()) {
            out.append("<p class=\"notes\"><em>").append(escape(text.notesLead())).append("</em>")
                    .append(text.isChinese() ? "" : " ").append(escape(text.joinNotes(table.notes()))).append("</p>\n");
        }
        return out.append("</div>\n").toString();
    }

    private static String figure(Figure figure, int number, ReportText text) {
        String svg = figure.svg().replaceFirst("<svg ", "<svg style=\"max-width:100%;height:auto\" ");
        return "<figure id=\"" + escape(figure.id()) + "\">\n" + svg + "<figcaption>"
                + escape(text.figureCaption(number, figure.caption()))
                + (figure.notes() == null ? "" : "<span class=\"fignote\">" + escape(figure.notes()) + "</span>")
                + "</figcaption>\n</figure>\n";
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
