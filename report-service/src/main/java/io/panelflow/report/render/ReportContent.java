package io.panelflow.report.render;

import io.panelflow.report.figure.Figure;
import io.panelflow.report.table.Table;
import io.panelflow.report.text.ReportText;

import java.util.List;

/**
 * What a report says, independent of format: a title, a subtitle, sections of blocks, and the language's texts
 * the renderers print around them (captions, the notes' lead).
 */
public record ReportContent(String title, String subtitle, List<Section> sections, ReportText text) {

    public ReportContent {
        sections = List.copyOf(sections);
        text = text == null ? ReportText.ENGLISH : text;
    }

    public ReportContent(String title, String subtitle, List<Section> sections) {
        this(title, subtitle, sections, ReportText.ENGLISH);
    }

    public List<Table> tables() {
        return sections.stream().flatMap(s -> s.blocks().stream())
                .filter(b -> b instanceof Block.TableBlock).map(b -> ((Block.TableBlock) b).table()).toList();
    }

    public List<Figure> figures() {
        return sections.stream().flatMap(s -> s.blocks().stream())
                .filter(b -> b instanceof Block.FigureBlock).map(b -> ((Block.FigureBlock) b).figure()).toList();
    }
}
