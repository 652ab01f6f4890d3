package io.panelflow.report.render;

import io.panelflow.report.figure.Figure;
import io.panelflow.report.table.Cell;
import io.panelflow.report.table.Row;
import io.panelflow.report.table.Table;
import io.panelflow.report.table.TableSection;
import io.panelflow.report.text.ReportText;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A LaTeX article (pdfLaTeX; a Chinese report is a ctexart document for XeLaTeX) with booktabs tables: a plain {@code tabular} inside {@code table},
 * {@code \multicolumn} with {@code \cmidrule} for spanning headers, notes in a small paragraph
 * under the tabular. Figures are {@code \includegraphics} of {@code <figure id>.png} shipped
 * alongside; when the file is absent the .tex still compiles and prints a placeholder instead.
 */
public final class LatexRenderer {

    private static final Pattern SIGNED_NUMBER = Pattern.compile("^-(?=\\d|\\.\\d)");
    private static final int WIDE = 9;

    /**
     * A Chinese report for XeLaTeX: ctexart (CJK in a Song face: SimSun where installed, else the fonts ctex
     * finds), Latin text in Times New Roman where installed (else TeX Gyre Termes, else the default), captions
     * "表1" and "图1".
     */
    static final String CHINESE_PREAMBLE = """
            % compile with xelatex
            \\documentclass[11pt,UTF8]{ctexart}
            \\IfFontExistsTF{Times New Roman}{\\setmainfont{Times New Roman}}{%
              \\IfFontExistsTF{TeX Gyre Termes}{\\setmainfont{TeX Gyre Termes}}{}}
            \\IfFontExistsTF{SimSun}{\\setCJKmainfont{SimSun}}{}
            \\usepackage[margin=2.5cm]{geometry}
            \\usepackage{booktabs}
            \\usepackage{graphicx}
            \\usepackage{float}
            \\usepackage[labelsep=quad]{caption}
            """;

    public String render(ReportContent content) {
        ReportText text = content.text();
        StringBuilder out = new StringBuilder(text.isChinese() ? CHINESE_PREAMBLE : """
                \\documentclass[11pt]{article}
                \\usepackage[T1]{fontenc}
                \\usepackage[utf8]{inputenc}
                \\usepackage[margin=2.5cm]{geometry}
                \\usepackage{booktabs}
                \\usepackage{graphicx}
                \\usepackage{float}
                \\usepackage{textcomp}
                """);
        out.append("\\title{").append(escape(content.title())).append("}\n");
        out.append("\\date{").append(escape(content.subtitle() == null ? "" : content.subtitle())).append("}\n");
        out.append("\\begin{document}\n\\maketitle\n\n");
        for (Section section : content.sections()) {
            out.append("\\section{").append(escape(section.title())).append("}\n\\label{sec:")
                    .append(label(section.id())).append("}\n\n");
            for (Block block : section.blocks()) {
                if (block instanceof Block.Paragraph p) {
                    out.append(escape(p.text())).append("\n\n");
                } else if (block instanceof Block.Facts f) {
                    out.append("\\begin{itemize}\n");
                    f.items().forEach(i -> out.append("  \\item ").append(escape(i)).append('\n'));
                    out.append("\\end{itemize}\n\n");
                } else if (block instanceof Block.TableBlock t) {
                    out.append(table(t.table(), text)).append('\n');
                } else if (block instanceof Block.FigureBlock f) {
                    out.append(figure(f.figure())).append('\n');
                } else if (block instanceof Block.Code c) {
                    out.append("\\begin{verbatim}\n").append(verbatimSafe(c.text()))
                            .append(c.text().endsWith("\n") ? "" : "\n").append("\\end{verbatim}\n\n");
                }
            }
        }
        return out.append("\\end{document}\n").toString();
    }

    public String table(Table table) {
        return table(table, ReportText.ENGLISH);
    }

    public String table(Table table, ReportText text) {
        int columns = table.columnCount();
        StringBuilder out = new StringBuilder("\\begin{table}[H]\n\\centering\n\\caption{")
                .append(escape(table.title())).append("}\n\\label{tab:").append(label(table.id())).append("}\n\\small\n");
        boolean wide = columns > WIDE;
        if (wide) {
            out.append("\\resizebox{\\linewidth}{!}{%\n");
        }
        out.append("\\begin{tabular}{l").append("c".repeat(Math.max(0, columns - 1))).append("}\n\\toprule\n");
        for (List<Cell> header : table.headers()) {
            List<String> cells = new ArrayList<>();
            List<String> rules = new ArrayList<>();
            int col = 1;
            for (Cell c : header) {
                if (c.span() > 1) {
                    cells.add("\\multicolumn{" + c.span() + "}{c}{" + escape(c.text()) + "}");
                    rules.add("\\cmidrule(lr){" + col + "-" + (col + c.span() - 1) + "}");
                } else {
                    cells.add(escape(c.text()));
                }
                col += c.span();
            }
            out.append(String.join(" & ", cells)).append(" \\\\\n");
            if (!rules.isEmpty()) {
                out.append(String.join(" ", rules)).append('\n');
            }
        }
        out.append("\\midrule\n");
        boolean first = true;
        for (TableSection section : table.sections()) {
            if (!first) {
                out.append("\\midrule\n");
            }
            first = false;
            if (section.hasTitle()) {
                out.append("\\multicolumn{").append(columns).append("}{l}{\\textit{").append(escape(section.title()))
                        .append("}} \\\\\n");
            }
            for (Row row : section.rows()) {
                List<String> cells = new ArrayList<>();
                for (Cell c : row.cells()) {
                    String printed = number(c.text());
                    cells.add(c.span() > 1 ? "\\multicolumn{" + c.span() + "}{c}{" + printed + "}" : printed);
                }
                out.append(guardBracket(String.join(" & ", cells))).append(" \\\\\n");
            }
        }
        out.append("\\bottomrule\n\\end{tabular}");
        out.append(wide ? "}\n" : "\n");
        if (!table.notes().isEmpty()) {
            out.append("\\par\\smallskip\n\\begin{minipage}{\\linewidth}\\footnotesize")
                    .append(text.isChinese() ? "{}" + escape(text.notesLead()) : "\\textit{" + escape(text.notesLead()) + "} ")
                    .append(escape(text.joinNotes(table.notes()))).append("\\end{minipage}\n");
        }
        return out.append("\\end{table}\n").toString();
    }

    private static String figure(Figure figure) {
        String file = figure.fileName();
        return "\\begin{figure}[H]\n\\centering\n"
                + "\\IfFileExists{" + file + "}{\\includegraphics[width=0.9\\linewidth]{" + file + "}}"
                + "{\\fbox{\\parbox{0.8\\linewidth}{\\centering Figure file \\texttt{" + escape(file)
                + "} is not shipped with this document.}}}\n"
                + "\\caption{" + escape(figure.caption()) + "}\n"
                + "\\label{fig:" + label(figure.id()) + "}\n"
                + (figure.notes() == null ? "" : "\\par\\footnotesize " + escape(figure.notes()) + "\n")
                + "\\end{figure}\n";
    }

    /** Escapes text, then types a leading minus of a number as a math minus. */
    static String number(String text) {
        String escaped = escape(text);
        return SIGNED_NUMBER.matcher(text).find() ? "$-$" + escaped.substring(1) : escaped;
    }

    /** Escapes LaTeX's special characters and maps the typographic characters tables use. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\textbackslash{}");
                case '&' -> out.append("\\&");
                case '%' -> out.append("\\%");
                case '$' -> out.append("\\$");
                case '#' -> out.append("\\#");
                case '_' -> out.append("\\_");
                case '{' -> out.append("\\{");
                case '}' -> out.append("\\}");
                case '~' -> out.append("\\textasciitilde{}");
                case '^' -> out.append("\\textasciicircum{}");
                case '<' -> out.append("\\textless{}");
                case '>' -> out.append("\\textgreater{}");
                case '²' -> out.append("\\textsuperscript{2}");
                case '×' -> out.append("$\\times$");
                case '−' -> out.append("$-$");
                case '–' -> out.append("--");
                case '—' -> out.append("---");
                case '→' -> out.append("$\\rightarrow$");
                case '‘', '’' -> out.append('\'');
                case '“' -> out.append("``");
                case '”' -> out.append("''");
                case '\n', '\r' -> out.append(' ');
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    /** A row must not start with "[": after the previous row's \\ it would read as an optional argument. */
    private static String guardBracket(String row) {
        return row.startsWith("[") ? "{}" + row : row;
    }

    private static String label(String id) {
        return id == null ? "" : id.replaceAll("[^A-Za-z0-9:.-]", "-");
    }

    private static String verbatimSafe(String text) {
        return text.replace("\\end{verbatim}", "\\end {verbatim}");
    }
}
