package io.panelflow.report.render;

import io.panelflow.report.figure.Figure;
import io.panelflow.report.table.Table;

import java.util.List;

/** What a report says, independent of format: a title, a subtitle, sections of blocks. */
public record ReportContent(String title, String subtitle, List<Section> sections) {

    public ReportContent {
        sections = List.copyOf(sections);
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
