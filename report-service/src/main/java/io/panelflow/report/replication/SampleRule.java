package io.panelflow.report.replication;

import java.util.List;
import java.util.Map;

/**
 * Which rows of the estimation panel a replicated model is fitted on, before rows with a missing or
 * non-finite used value are dropped (as panelflow's model frames do).
 */
public sealed interface SampleRule {

    /** Every row. */
    record AllRows() implements SampleRule {
    }

    /** Robustness {@code exclude}: rows whose value of a column (as text) is among the listed values are left out. */
    record Excluding(Map<String, List<String>> values) implements SampleRule {
    }

    /** Heterogeneity: the rows whose value of {@code by} equals {@code value} (value groups). */
    record ValueGroup(String by, String value) implements SampleRule {
    }

    /**
     * Heterogeneity: quantile groups of the expression {@code by} evaluated on the whole panel:
     * {@code lower < by <= upper}, where a null bound is open (the first group has no lower bound, the
     * last no upper one).
     */
    record Interval(String by, Double lower, Double upper) implements SampleRule {
    }

    /**
     * The rows another formula uses (stepwise columns share the full model's sample; mediation paths share
     * the direct model's sample): fit {@code formula} first and keep its observations.
     */
    record SameRowsAs(String formula, SampleRule within) implements SampleRule {
    }
}
