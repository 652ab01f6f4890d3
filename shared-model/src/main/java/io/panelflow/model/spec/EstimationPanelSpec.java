package io.panelflow.model.spec;

import java.util.List;

/**
 * Which panel the models run on. {@code level: unit} (default) is the uploaded panel with its indices;
 * {@code level: group} is the group-year panel built from lower-level units: the balance indices plus
 * the {@code aggregate} columns of the units in each group-year.
 */
public record EstimationPanelSpec(String level, List<AggregateSpec> aggregate) {
    public static final EstimationPanelSpec UNIT = new EstimationPanelSpec("unit", List.of());

    public EstimationPanelSpec {
        level = level == null ? "unit" : level;
        aggregate = aggregate == null ? List.of() : List.copyOf(aggregate);
    }

    public boolean groupLevel() {
        return "group".equals(level);
    }
}
