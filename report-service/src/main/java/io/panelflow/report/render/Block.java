package io.panelflow.report.render;

import io.panelflow.report.figure.Figure;
import io.panelflow.report.table.Table;

import java.util.List;

/** One piece of a report section, printed in order by every renderer. */
public sealed interface Block {

    /** A paragraph of plain text. */
    record Paragraph(String text) implements Block {
    }

    /** Short facts, one per line ("Rows: 279"). */
    record Facts(List<String> items) implements Block {
        public Facts {
            items = List.copyOf(items);
        }
    }

    record TableBlock(Table table) implements Block {
    }

    record FigureBlock(Figure figure) implements Block {
    }

    /** Verbatim text in a monospace font, such as the study spec. */
    record Code(String language, String text) implements Block {
    }
}
