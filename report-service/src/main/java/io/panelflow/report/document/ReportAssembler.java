package io.panelflow.report.document;

import io.panelflow.model.result.BalanceResult;
import io.panelflow.model.result.Coefficient;
import io.panelflow.model.result.DataQualityReport;
import io.panelflow.model.result.IndexResult;
import io.panelflow.model.result.ModelResult;
import io.panelflow.model.spec.IndexSpec;
import io.panelflow.model.spec.ModelSpec;
import io.panelflow.model.spec.StudySpec;
import io.panelflow.report.figure.Figure;
import io.panelflow.report.figure.Figures;
import io.panelflow.report.render.Block;
import io.panelflow.report.render.ReportContent;
import io.panelflow.report.render.Section;
import io.panelflow.report.table.BalanceTables;
import io.panelflow.report.table.DataQualityTables;
import io.panelflow.report.table.DescriptiveTables;
import io.panelflow.report.table.DidTables;
import io.panelflow.report.table.IndexTables;
import io.panelflow.report.table.IvTables;
import io.panelflow.report.table.Labels;
import io.panelflow.report.table.RegressionTables;
import io.panelflow.report.table.Table;
import io.panelflow.report.table.TableOptions;
import io.panelflow.report.table.ThresholdRegimes;
import io.panelflow.report.text.ReportText;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Puts a run's report together in the order a paper reads: data (synthetic data labelled as such),
 * data quality, descriptive statistics, indices, baseline, robustness, IV, heterogeneity,
 * mechanism, staggered DID, threshold, double machine learning, reproducibility. A section whose
 * inputs are missing is left out.
 */
public final class ReportAssembler {


    /**
     * Units shown inline in a per-unit table (index values unit × year) of a document meant for reading; the rest
     * are in the CSV download, which is assembled without the cap. A 100,000-unit panel makes no readable table.
     */
    public static final int MAX_INLINE_UNITS = 100;

    private final TableOptions options;
    private final int maxUnits;

    public ReportAssembler(TableOptions options) {
        this(options, MAX_INLINE_UNITS);
    }

    /** @param maxUnits the most units a per-unit table shows ({@link Integer#MAX_VALUE}: all, for CSV downloads) */
    public ReportAssembler(TableOptions options, int maxUnits) {
        this.options = options == null ? TableOptions.DEFAULT : options;
        this.maxUnits = maxUnits;
    }

    /** Whether a per-unit table of the report has more than {@code maxUnits} units (so a capped assembly shortens it). */
    public static boolean shortens(RunReport report, int maxUnits) {
        if (report.indices() == null) {
            return false;
        }
        for (var index : report.indices()) {
            if (index.values().stream().map(v -> v.unit()).distinct().count() > maxUnits) {
                return true;
            }
        }
        return false;
    }

    public ReportContent assemble(RunReport report) {
        StudySpec spec = report.spec();
        Labels labels = new Labels(spec);
        ReportText text = labels.text();
        Figures figures = new Figures(labels);
        List<ModelResult> models = report.results() == null ? List.of() : report.results().models();

        List<Section> sections = new ArrayList<>();
        sections.add(data(report, labels));
        if (report.quality() != null) {
            sections.add(quality(report.quality(), labels));
            if (!report.quality().descriptives().isEmpty()) {
                sections.add(new Section("descriptives", text.get("section.descriptives"), List.of(new Block.TableBlock(
                        new DescriptiveTables(labels, options).descriptives("descriptives", text.get("table.descriptives"),
                                report.quality().descriptives())))));
            }
        }
        addIfAny(sections, indices(report, labels, figures));
        addIfAny(sections, baseline(models, spec, labels, figures));
        RegressionTables regressions = new RegressionTables(labels, options);
        List<ModelResult> robustness = ModelGroups.inGroup(models, "robustness");
        if (!robustness.isEmpty()) {
            sections.add(new Section("robustness", text.get("section.robustness"), List.of(new Block.TableBlock(
                    regressions.robustness("robustness", text.get("table.robustness"), robustness)))));
        }
        List<ModelResult> iv = ModelGroups.inGroup(models, "iv");
        if (!iv.isEmpty()) {
            sections.add(new Section("iv", text.get("section.iv"), List.of(new Block.TableBlock(
                    new IvTables(labels, options).iv("iv", text.get("table.iv"), iv)))));
        }
        List<Block> heterogeneity = new ArrayList<>();
        ModelGroups.bySegment(ModelGroups.inGroup(models, "heterogeneity"), 1).forEach((by, list) ->
                heterogeneity.add(new Block.TableBlock(regressions.heterogeneity("heterogeneity-" + by,
                        text.get("table.heterogeneity", labels.variable(by)), list))));
        if (!heterogeneity.isEmpty()) {
            sections.add(new Section("heterogeneity", text.get("section.heterogeneity"), heterogeneity));
        }
        List<Block> mechanism = new ArrayList<>();
        ModelGroups.bySegment(ModelGroups.inGroup(models, "mechanism"), 1).forEach((mediator, list) ->
                mechanism.add(new Block.TableBlock(regressions.mechanism("mechanism-" + mediator,
                        text.get("table.mechanism", labels.variable(mediator)), list))));
        if (!mechanism.isEmpty()) {
            sections.add(new Section("mechanism", text.get("section.mechanism"), mechanism));
        }
        addAnalyses(sections, regressions, new DidTables(labels, options), figures, models, text);
        List<ModelResult> threshold = ModelGroups.inGroup(models, "threshold");
        if (!threshold.isEmpty()) {
            // the regimes read "DT (log pgdp ≤ 11.08)", not DT_low
            RegressionTables regimes = new RegressionTables(labels.withTerms(ThresholdRegimes.labels(threshold, labels)),
                    options);
            sections.add(new Section("threshold", text.get("section.threshold"), List.of(new Block.TableBlock(
                    regimes.robustness("threshold", text.get("table.threshold"), threshold)))));
        }
        List<ModelResult> dml = ModelGroups.inGroup(models, "dml");
        if (!dml.isEmpty()) {
            sections.add(new Section("dml", text.get("section.dml"), List.of(new Block.TableBlock(
                    regressions.robustness("dml", text.get("table.dml"), dml)))));
        }
        sections.add(ReproducibilitySection.of(report, labels));

        String title = spec != null && spec.name() != null ? spec.name() : text.get("report.title");
        String subtitle = text.get("report.run", report.runId() == null ? text.get("word.unknown") : report.runId())
                + (report.panelflowVersion() == null ? "" : " · panelflow " + report.panelflowVersion())
                + (report.isSynthetic() ? text.get("report.synthetic") : "");
        return new ReportContent(title, subtitle, sections, text);
    }

    /**
     * Staggered DID (one table per did id, a column per method, then the ATT(g, t), Sun–Abraham cell,
     * Goodman-Bacon and placebo tables and the placebo density figure).
     */
    private static void addAnalyses(List<Section> sections, RegressionTables regressions, DidTables didTables,
                                    Figures figures, List<ModelResult> models, ReportText text) {
        List<Block> did = new ArrayList<>();
        ModelGroups.bySegment(ModelGroups.inGroup(models, "did"), 1).forEach((id, list) -> {
            did.add(new Block.TableBlock(regressions.robustness("did-" + id,
                    text.get("table.did", id), list)));
            for (ModelResult m : list) {
                String method = m.id().substring(m.id().lastIndexOf('/') + 1);
                switch (method) {
                    case "callaway-santanna" -> addTable(did, didTables.groupTime("did-" + id + "-att-gt",
                            text.get("table.did.attGt", id), m));
                    case "sun-abraham" -> addTable(did, didTables.cohortPeriod("did-" + id + "-cohort-period",
                            text.get("table.did.cohortPeriod", id), m));
                    case "twfe" -> {
                        addTable(did, didTables.bacon("did-" + id + "-bacon",
                                text.get("table.did.bacon", id), m));
                        addTable(did, didTables.placebo("did-" + id + "-placebo", text.get("table.did.placebo", id), m));
                        addFigure(did, figures.placeboDensity("figure-did-" + id + "-placebo",
                                text.get("figure.did.placebo", id), m));
                    }
                    default -> {
                    }
                }
            }
        });
        if (!did.isEmpty()) {
            sections.add(new Section("did", text.get("section.did"), did));
        }
    }

    private static void addIfAny(List<Section> sections, Section section) {
        if (section != null && !section.blocks().isEmpty()) {
            sections.add(section);
        }
    }

    private static Section data(RunReport report, Labels labels) {
        ReportText text = labels.text();
        List<Block> blocks = new ArrayList<>();
        if (report.isSynthetic()) {
            blocks.add(new Block.Paragraph(text.get("data.synthetic")));
        }
        StudySpec spec = report.spec();
        if (spec != null && spec.data() != null) {
            if (spec.data().description() != null) {
                blocks.add(new Block.Paragraph(spec.data().description()));
            }
            if (spec.data().source() != null) {
                blocks.add(new Block.Paragraph(text.get("data.source", spec.data().source())));
            }
        }
        List<String> facts = new ArrayList<>();
        if (spec != null && spec.panel() != null) {
            // the English report names the key columns as written; a Chinese one by their labels (province → 省份)
            UnaryOperator<String> name = text.isChinese() ? labels::variable : UnaryOperator.identity();
            facts.add(text.get("data.panel", name.apply(spec.panel().unit()) + " × " + name.apply(spec.panel().time())
                    + (spec.panel().group() == null ? "" : text.get("data.groupedBy", name.apply(spec.panel().group())))));
        }
        DataQualityReport q = report.quality();
        if (q != null) {
            facts.add(text.get("data.shape", q.rows(), q.units(), q.periods(),
                    (q.firstPeriod() == null ? "" : text.get("data.range", q.firstPeriod(), q.lastPeriod())),
                    text.get(q.balanced() ? "data.balanced" : "data.unbalanced")));
        }
        if (report.provenance() != null && report.provenance().fileName() != null) {
            facts.add(text.get("data.file", report.provenance().fileName()));
        }
        if (!facts.isEmpty()) {
            blocks.add(new Block.Facts(facts));
        }
        if (blocks.isEmpty()) {
            blocks.add(new Block.Paragraph(text.get("data.none")));
        }
        return new Section("data", text.get("section.data"), blocks);
    }

    private Section quality(DataQualityReport q, Labels labels) {
        DataQualityTables tables = new DataQualityTables(labels, options);
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.TableBlock(tables.structure(q)));
        Table cleaning = tables.cleaning(q);
        if (cleaning != null) {
            blocks.add(new Block.TableBlock(cleaning));
        }
        return new Section("quality", labels.text().get("section.quality"), blocks);
    }

    private Section indices(RunReport report, Labels labels, Figures figures) {
        IndexTables tables = new IndexTables(labels, options);
        BalanceTables balanceTables = new BalanceTables(labels, options);
        List<Block> blocks = new ArrayList<>();
        for (IndexResult index : report.indices()) {
            addTable(blocks, tables.weights(index, indexSpec(report.spec(), index.name())));
            addTable(blocks, tables.values(index, maxUnits));
            addFigure(blocks, figures.indexTrend(index));
        }
        for (BalanceResult balance : report.balance()) {
            addTable(blocks, balanceTables.balance(balance));
            addFigure(blocks, figures.balanceTrend(balance));
        }
        return new Section("indices", labels.text().get("section.indices"), blocks);
    }

    private Section baseline(List<ModelResult> models, StudySpec spec, Labels labels, Figures figures) {
        List<ModelResult> baseline = ModelGroups.inGroup(models, "baseline");
        List<Block> blocks = new ArrayList<>();
        RegressionTables regressions = new RegressionTables(labels, options);
        Map<String, List<ModelResult>> byModel = ModelGroups.bySegment(baseline, 0);
        for (Map.Entry<String, List<ModelResult>> e : byModel.entrySet()) {
            String id = byModel.size() == 1 ? "baseline" : "baseline-" + e.getKey();
            ModelSpec ms = spec == null ? null : spec.models().stream()
                    .filter(m -> e.getKey().equals(m.id())).findFirst().orElse(null);
            String title = ms != null && ms.title() != null ? ms.title()
                    : byModel.size() == 1 ? labels.text().get("table.baseline")
                    : labels.text().get("table.baseline.of", e.getKey());
            blocks.add(new Block.TableBlock(regressions.baseline(id, title, e.getValue())));
            String term = keyTerm(e.getValue());
            if (term != null && e.getValue().size() > 1) {
                addFigure(blocks, figures.coefficientPlot("figure-" + id,
                        labels.text().get("figure.coefficients", labels.term(term), title), e.getValue(), term));
            }
        }
        for (ModelResult m : models) {
            addFigure(blocks, figures.eventStudy("figure-event-" + m.id().replace('/', '-'),
                    labels.text().get("figure.eventStudy", m.title() != null ? m.title() : m.id()), m));
        }
        return new Section("baseline", labels.text().get("section.baseline"), blocks);
    }

    private static String keyTerm(List<ModelResult> models) {
        return models.get(0).coefficients().stream().map(Coefficient::term)
                .filter(t -> !Labels.isIntercept(t)).findFirst().orElse(null);
    }

    private static IndexSpec indexSpec(StudySpec spec, String name) {
        return spec == null ? null : spec.indices().stream().filter(i -> name.equals(i.name())).findFirst().orElse(null);
    }

    private static void addTable(List<Block> blocks, Table table) {
        if (table != null && !table.isEmpty()) {
            blocks.add(new Block.TableBlock(table));
        }
    }

    private static void addFigure(List<Block> blocks, Figure figure) {
        if (figure != null) {
            blocks.add(new Block.FigureBlock(figure));
        }
    }
}
