package io.panelflow.report.table;

import io.panelflow.model.result.Coefficient;
import io.panelflow.model.result.ModelResult;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The IV table: Panel A the second stage, Panel B the first-stage coefficients on the instruments,
 * then fixed effects, N and the weak-instrument and specification tests that exist.
 */
public final class IvTables {

    private final RegressionTableBuilder builder;

    public IvTables(Labels labels, TableOptions options) {
        this.builder = new RegressionTableBuilder(labels, options);
    }

    public Table iv(String id, String title, List<ModelResult> models) {
        List<String> titles = models.stream()
                .map(m -> m.title() != null && !m.title().isBlank() ? m.title() : lastSegment(m.id())).toList();
        List<List<String>> levels = List.of(
                models.stream().map(m -> builder.labels().variable(m.dependent())).toList(),
                titles,
                RegressionTableBuilder.numbering(models.size()));

        List<TableSection> sections = new ArrayList<>();
        sections.add(new TableSection(builder.labels().text().get("iv.panelA"), builder.coefficientRows(models)));
        List<Row> first = firstStageRows(models);
        if (!first.isEmpty()) {
            sections.add(new TableSection(builder.labels().text().get("iv.panelB"), first));
        }
        List<Row> indicators = builder.indicatorRows(models);
        if (!indicators.isEmpty()) {
            sections.add(TableSection.untitled(indicators));
        }
        List<Row> stats = new ArrayList<>(builder.statisticRows(models));
        stats.addAll(new IvDiagnostics(builder).rows(models, IvDiagnostics.GENERAL));
        sections.add(TableSection.untitled(stats));

        List<String> notes = new ArrayList<>();
        notes.add(builder.labels().text().get("iv.notes.method"));
        notes.addAll(builder.notes(models));
        if (IvDiagnostics.anyPValue(models, IvDiagnostics.GENERAL)) {
            notes.add(builder.labels().text().get("notes.pInBrackets"));
        }
        if (models.stream().anyMatch(m -> m.diagnostics().containsKey("stockYogo"))) {
            notes.add(builder.labels().text().get("iv.notes.stockYogo"));
        }
        return new Table(id, title, builder.headers(levels, builder.labels().text().get("header.variables")), sections, notes);
    }

    private List<Row> firstStageRows(List<ModelResult> models) {
        List<List<FirstStageCoefficient>> perModel = models.stream().map(IvDiagnostics::firstStage).toList();
        Set<String> terms = new LinkedHashSet<>();
        perModel.forEach(list -> list.forEach(c -> terms.add(c.term())));
        List<Row> rows = new ArrayList<>();
        for (String term : terms) {
            List<Coefficient> column = perModel.stream()
                    .map(list -> list.stream().filter(c -> c.term().equals(term)).findFirst()
                            .map(c -> new Coefficient(c.term(), c.estimate(), c.stdError(), c.statistic(), c.pValue(),
                                    Double.NaN, Double.NaN))
                            .orElse(null))
                    .toList();
            rows.addAll(builder.coefficientRows(builder.labels().term(term), column));
        }
        return rows;
    }

    private static String lastSegment(String id) {
        if (id == null) {
            return "";
        }
        int slash = id.lastIndexOf('/');
        return slash < 0 ? id : id.substring(slash + 1);
    }
}
