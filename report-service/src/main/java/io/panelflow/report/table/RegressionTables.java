package io.panelflow.report.table;

import io.panelflow.model.result.ModelResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Regression tables as journals print them: the stepwise baseline table (one column per
 * cumulative regressor) and the robustness, heterogeneity and mechanism tables (one column per
 * variant, titled by it).
 */
public final class RegressionTables {

    private final RegressionTableBuilder builder;

    public RegressionTables(Labels labels, TableOptions options) {
        this.builder = new RegressionTableBuilder(labels, options);
    }

    /** Stepwise baseline: the dependent variable over numbered columns. */
    public Table baseline(String id, String title, List<ModelResult> models) {
        List<List<String>> levels = List.of(
                models.stream().map(m -> builder.labels().variable(m.dependent())).toList(),
                RegressionTableBuilder.numbering(models.size()));
        return assemble(id, title, models, levels, List.of());
    }

    /** Robustness: each column titled by its variant. */
    public Table robustness(String id, String title, List<ModelResult> models) {
        return variants(id, title, models, null, false);
    }

    /** Heterogeneity: columns grouped by the splitting variable, titled by the subsample. */
    public Table heterogeneity(String id, String title, List<ModelResult> models) {
        return variants(id, title, models, 1, true);
    }

    /** Mechanism: columns grouped by mediator, titled by path. */
    public Table mechanism(String id, String title, List<ModelResult> models) {
        return variants(id, title, models, 1, false);
    }

    /** @param subsampleTitles title each column by its subsample alone: the group header already names the split */
    private Table variants(String id, String title, List<ModelResult> models, Integer groupSegment, boolean subsampleTitles) {
        List<String> groups = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        List<String> dependents = new ArrayList<>();
        for (ModelResult m : models) {
            String[] parts = m.id() == null ? new String[0] : m.id().split("/");
            groups.add(groupSegment != null && parts.length > groupSegment + 1
                    ? Labels.capitalized(builder.labels().variable(parts[groupSegment])) : "");
            String t = m.title() != null && !m.title().isBlank() ? m.title() : parts.length > 0 ? parts[parts.length - 1] : "";
            // "region: east" under the group header "Region" reads as "east"
            titles.add(subsampleTitles && t.contains(": ") ? t.substring(t.indexOf(": ") + 2) : t);
            dependents.add(builder.labels().variable(m.dependent()));
        }
        boolean sameDependent = dependents.stream().distinct().count() <= 1;
        List<List<String>> levels = new ArrayList<>();
        levels.add(groups);
        levels.add(titles);
        if (!sameDependent) {
            levels.add(dependents);
        }
        levels.add(RegressionTableBuilder.numbering(models.size()));
        List<String> extra = new ArrayList<>();
        if (sameDependent && !dependents.isEmpty() && !Objects.toString(dependents.get(0), "").isBlank()) {
            extra.add(builder.labels().text().get("notes.dependent", dependents.get(0)));
        }
        return assemble(id, title, models, levels, extra);
    }

    private Table assemble(String id, String title, List<ModelResult> models, List<List<String>> levels,
                           List<String> leadingNotes) {
        List<TableSection> sections = new ArrayList<>();
        sections.add(TableSection.untitled(builder.coefficientRows(models)));
        List<Row> indicators = builder.indicatorRows(models);
        if (!indicators.isEmpty()) {
            sections.add(TableSection.untitled(indicators));
        }
        List<Row> statistics = new ArrayList<>(builder.statisticRows(models));
        statistics.addAll(new IvDiagnostics(builder).rows(models, IvDiagnostics.GENERAL));
        sections.add(TableSection.untitled(statistics));
        List<String> notes = new ArrayList<>(leadingNotes);
        notes.addAll(builder.notes(models));
        return new Table(id, title, builder.headers(levels, builder.labels().text().get("header.variables")), sections, notes);
    }
}
