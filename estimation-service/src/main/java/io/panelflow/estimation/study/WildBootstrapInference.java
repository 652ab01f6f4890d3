package io.panelflow.estimation.study;

import io.panelflow.estimation.bootstrap.BootstrapException;
import io.panelflow.estimation.bootstrap.BootstrapType;
import io.panelflow.estimation.bootstrap.WildBootstrapResult;
import io.panelflow.estimation.bootstrap.WildBootstrapSettings;
import io.panelflow.estimation.bootstrap.WildClusterBootstrap;
import io.panelflow.estimation.engine.EstimationOptions;
import io.panelflow.estimation.formula.ModelFrame;
import io.panelflow.model.spec.WildBootstrapSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The spec option {@code wild-bootstrap} of a model: after a column is fitted, a wild cluster bootstrap-t
 * ({@link WildClusterBootstrap}) of the column's regressor of interest — the first column of the formula's first
 * regressor term — with {@code H0: coefficient = 0}, on the column's design and clustered variance.
 *
 * <p>The result goes into the diagnostics under {@value #KEY} as
 * {@code {term, type, draws, enumerated, seed, pValue, t, clusters, ciNote}} ({@code draws} = the number actually
 * used: 2^G when every sign vector is enumerated) with a sentence in the notes. Where the bootstrap does not apply
 * (instruments, weights, a variance not clustered on one dimension, fewer than two clusters, the term dropped)
 * there is no diagnostic and the note says why; the model itself is not affected.
 */
final class WildBootstrapInference {
    static final String KEY = "wildBootstrap";
    static final String CI_NOTE = "No bootstrap confidence interval (test inversion is not implemented);"
            + " the interval printed is the analytic cluster-t interval.";

    /** Diagnostics to add (empty when the bootstrap does not apply) and notes. */
    record Outcome(Map<String, Object> diagnostics, List<String> notes) {
    }

    private WildBootstrapInference() {
    }

    static Outcome run(WildBootstrapSpec spec, FittedModel fitted, EstimationOptions options) {
        if (spec == null) {
            return new Outcome(Map.of(), List.of());
        }
        ModelFrame frame = fitted.frame();
        BootstrapType type = spec.restricted() ? BootstrapType.RESTRICTED : BootstrapType.UNRESTRICTED;
        String term = firstRegressor(frame);
        try {
            WildClusterBootstrap wcb = WildClusterBootstrap.prepare(frame.design(), frame.vcov(), options);
            if (term == null) {
                throw new BootstrapException("the model has no regressor to test");
            }
            WildBootstrapSettings settings = WildBootstrapSettings.DEFAULT.withDraws(spec.draws()).withSeed(spec.seed());
            WildBootstrapResult r = wcb.test(term, 0.0, type, settings);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("term", r.term());
            d.put("type", type.label());
            d.put("draws", r.drawCount());
            d.put("enumerated", r.enumerated());
            d.put("seed", spec.seed());
            d.put("pValue", r.pValue());
            d.put("t", r.statistic());
            d.put("clusters", r.clusters());
            d.put("ciNote", CI_NOTE);
            String how = r.enumerated()
                    ? "all 2^" + r.clusters() + " = " + r.drawCount() + " sign vectors enumerated"
                    : r.drawCount() + " draws, seed " + spec.seed();
            String note = String.format(Locale.ROOT,
                    "Wild cluster bootstrap-t of %s, H0: coefficient = 0 (%s, Rademacher, %s; %d clusters): p = %.4f"
                            + " (analytic cluster t: p = %.4f).",
                    r.term(), type.label(), how, r.clusters(), r.pValue(), r.pAnalytic());
            return new Outcome(Map.of(KEY, d), List.of(note));
        } catch (BootstrapException e) {
            return new Outcome(Map.of(), List.of("Wild cluster bootstrap (" + type.label() + ") not run"
                    + (term == null ? "" : " for " + term) + ": it does not apply here, " + e.getMessage() + "."));
        }
    }

    /** The name of the design column of the formula's first regressor term (its first column), or null. */
    static String firstRegressor(ModelFrame frame) {
        int[] terms = frame.columnTerms();
        String[] names = frame.design().xNames();
        for (int c = 0; terms != null && names != null && c < terms.length && c < names.length; c++) {
            if (terms[c] == 0) {
                return names[c];
            }
        }
        return null;
    }
}
