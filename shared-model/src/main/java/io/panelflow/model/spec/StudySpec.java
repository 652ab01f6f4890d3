package io.panelflow.model.spec;

import java.util.List;
import java.util.Map;

/**
 * A study: the panel's keys, how to clean it, which indices to build, which models to estimate and
 * which robustness, heterogeneity and mechanism variants to run, and the
 * staggered difference-in-differences, threshold and double machine learning analyses, and the report's
 * language. Read with {@link SpecReader}.
 */
public record StudySpec(
        String name,
        DataSpec data,
        PanelSpec panel,
        CleaningSpec cleaning,
        List<DerivedColumnSpec> derive,
        List<IndexSpec> indices,
        List<BalanceSpec> balance,
        EstimationPanelSpec estimation,
        List<ModelSpec> models,
        List<RobustnessSpec> robustness,
        List<HeterogeneitySpec> heterogeneity,
        List<MechanismSpec> mechanisms,
        Map<String, String> labels,
        List<DidSpec> did,
        List<ThresholdSpec> threshold,
        List<DmlSpec> dml,
        ReportSpec report) {

    /** A spec without a {@code report} section: the report is in English. */
    public StudySpec(String name, DataSpec data, PanelSpec panel, CleaningSpec cleaning, List<DerivedColumnSpec> derive,
                     List<IndexSpec> indices, List<BalanceSpec> balance, EstimationPanelSpec estimation,
                     List<ModelSpec> models, List<RobustnessSpec> robustness, List<HeterogeneitySpec> heterogeneity,
                     List<MechanismSpec> mechanisms, Map<String, String> labels, List<DidSpec> did,
                     List<ThresholdSpec> threshold, List<DmlSpec> dml) {
        this(name, data, panel, cleaning, derive, indices, balance, estimation, models, robustness, heterogeneity,
                mechanisms, labels, did, threshold, dml, null);
    }

    public StudySpec {
        derive = derive == null ? List.of() : List.copyOf(derive);
        indices = indices == null ? List.of() : List.copyOf(indices);
        balance = balance == null ? List.of() : List.copyOf(balance);
        models = models == null ? List.of() : List.copyOf(models);
        robustness = robustness == null ? List.of() : List.copyOf(robustness);
        heterogeneity = heterogeneity == null ? List.of() : List.copyOf(heterogeneity);
        mechanisms = mechanisms == null ? List.of() : List.copyOf(mechanisms);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        did = did == null ? List.of() : List.copyOf(did);
        threshold = threshold == null ? List.of() : List.copyOf(threshold);
        dml = dml == null ? List.of() : List.copyOf(dml);
        cleaning = cleaning == null ? CleaningSpec.NONE : cleaning;
        data = data == null ? DataSpec.UNDESCRIBED : data;
        estimation = estimation == null ? EstimationPanelSpec.UNIT : estimation;
        report = report == null ? ReportSpec.DEFAULT : report;
    }

    /** The label of a variable for tables, or the variable itself. */
    public String label(String variable) {
        return labels.getOrDefault(variable, variable);
    }
}
