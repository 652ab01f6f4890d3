package io.panelflow.report.render;

import java.util.List;

/** A titled part of a report. */
public record Section(String id, String title, List<Block> blocks) {
    public Section {
        blocks = List.copyOf(blocks);
    }
}
