package io.panelflow.index.composite;

import io.panelflow.index.IndexException;
import io.panelflow.index.entropy.EntropyWeights;
import io.panelflow.index.normalize.MinMaxNormalization;
import io.panelflow.index.pca.BartlettSphericityTest;
import io.panelflow.index.pca.ComponentRetention;
import io.panelflow.index.pca.CorrelationMatrix;
import io.panelflow.index.pca.KmoTest;
import io.panelflow.index.pca.PcaComposite;
import io.panelflow.index.pca.PrincipalComponents;
import io.panelflow.index.topsis.TopsisCloseness;
import io.panelflow.index.weights.CriticWeights;
import io.panelflow.index.weights.EqualWeights;
import io.panelflow.index.weights.WeightedScore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One composite index on one complete decision matrix (no missing values), with its hierarchy.
 *
 * <p><b>Weighting methods</b> (entropy, equal, CRITIC; linear score or TOPSIS): indicators are
 * min–max normalized with direction (option {@code shift}, default 0), weights w_j found over all
 * indicators together, and the composite is {@code Σ_j w_j x'_ij} or the TOPSIS closeness with those
 * weights.
 *
 * <p><b>Hierarchy</b> (indicators carry a {@code group}, the dimension — Han, Sun and Liu 2024,
 * Tables 1 and 3): the dimension weight is the sum of its indicator weights, {@code W_d = Σ_{j∈d} w_j};
 * inside a dimension the indicator weights are renormalized, {@code w_j / W_d} (for the entropy method
 * this equals the entropy weights computed within the dimension alone, since e_j depends only on
 * indicator j). The sub-index of dimension d is {@code Σ_{j∈d} (w_j / W_d) x'_ij} (or the TOPSIS
 * closeness on the dimension's indicators with those weights). For linear scores the composite equals
 * {@code Σ_d W_d · sub_d}; for TOPSIS the composite is the closeness over all indicators.
 *
 * <p><b>PCA</b>: indicators enter as they are (no direction, as S6); option
 * {@code applyDirection: true} multiplies negative indicators by −1 first. Retention by option
 * {@code retain} ({@link ComponentRetention}); composite by {@link PcaComposite}; KMO and Bartlett in
 * the diagnostics (reported as unavailable, with the reason, when R is singular). The sub-index of a
 * dimension is the PCA composite of that dimension's indicators alone (the standardized value for a
 * one-indicator dimension).
 */
public final class DecisionMatrixComposite {

    private DecisionMatrixComposite() {
    }

    /**
     * @param raw       column-major raw values ({@code raw[j][i]}: indicator j of unit i), no NaN
     * @param positive  direction of each indicator
     * @param groups    dimension of each indicator (all null for a flat system)
     */
    public static SliceComposite compute(CompositeMethod method, double[][] raw, String[] indicators,
                                         boolean[] positive, String[] groups, Map<String, Object> options) {
        Map<String, List<Integer>> dims = dimensions(indicators, groups);
        if (method == CompositeMethod.PCA) {
            return pca(raw, indicators, positive, dims, options);
        }
        double shift = number(options.get("shift"), 0.0);
        if (shift < 0) {
            throw new IndexException("option shift must be non-negative, got " + shift);
        }
        double[][] x = MinMaxNormalization.normalize(raw, positive, shift, indicators);
        Map<String, Object> diag = new LinkedHashMap<>();
        diag.put("n", raw[0].length);
        double[] w;
        switch (method.weighting()) {
            case ENTROPY -> {
                EntropyWeights ew = EntropyWeights.compute(x, indicators);
                w = ew.weights();
                diag.put("entropy", byName(indicators, ew.entropy()));
                diag.put("divergence", byName(indicators, ew.divergence()));
            }
            case CRITIC -> {
                CriticWeights cw = CriticWeights.compute(x, indicators);
                w = cw.weights();
                diag.put("sd", byName(indicators, cw.sd()));
                diag.put("conflict", byName(indicators, cw.conflict()));
                diag.put("information", byName(indicators, cw.information()));
            }
            default -> w = EqualWeights.compute(indicators.length);
        }
        if (shift != 0) {
            diag.put("shift", shift);
        }
        double[] composite;
        double[] dPlus = null;
        double[] dMinus = null;
        if (method.topsis()) {
            TopsisCloseness t = TopsisCloseness.compute(x, w);
            composite = t.closeness();
            dPlus = t.distanceToBest();
            dMinus = t.distanceToWorst();
            diag.put("best", byName(indicators, t.best()));
            diag.put("worst", byName(indicators, t.worst()));
        } else {
            composite = WeightedScore.compute(x, w);
        }
        Map<String, double[]> subIndices = new LinkedHashMap<>();
        if (!dims.isEmpty()) {
            Map<String, Double> dimWeights = new LinkedHashMap<>();
            for (var d : dims.entrySet()) {
                List<Integer> idx = d.getValue();
                double wd = 0;
                for (int j : idx) {
                    wd += w[j];
                }
                double[][] sub = new double[idx.size()][];
                double[] subW = new double[idx.size()];
                for (int k = 0; k < idx.size(); k++) {
                    sub[k] = x[idx.get(k)];
                    subW[k] = w[idx.get(k)] / wd;
                }
                dimWeights.put(d.getKey(), wd);
                subIndices.put(d.getKey(), method.topsis()
                        ? TopsisCloseness.compute(sub, subW).closeness()
                        : WeightedScore.compute(sub, subW));
            }
            diag.put("dimensionWeights", dimWeights);
        }
        return new SliceComposite(composite, subIndices, byName(indicators, w), diag, dPlus, dMinus);
    }

    private static SliceComposite pca(double[][] raw, String[] indicators, boolean[] positive,
                                      Map<String, List<Integer>> dims, Map<String, Object> options) {
        boolean applyDirection = Boolean.parseBoolean(String.valueOf(options.getOrDefault("applyDirection", "false")));
        double[][] x = raw;
        if (applyDirection) {
            x = new double[raw.length][];
            for (int j = 0; j < raw.length; j++) {
                x[j] = raw[j].clone();
                if (!positive[j]) {
                    for (int i = 0; i < x[j].length; i++) {
                        x[j][i] = -x[j][i];
                    }
                }
            }
        }
        Map<String, Object> diag = new LinkedHashMap<>();
        diag.put("n", raw[0].length);
        PcaOutcome all = pcaOf(x, indicators, options, diag);
        Map<String, double[]> subIndices = new LinkedHashMap<>();
        if (!dims.isEmpty()) {
            Map<String, Object> dimDiag = new LinkedHashMap<>();
            for (var d : dims.entrySet()) {
                List<Integer> idx = d.getValue();
                double[][] sub = new double[idx.size()][];
                String[] names = new String[idx.size()];
                for (int k = 0; k < idx.size(); k++) {
                    sub[k] = x[idx.get(k)];
                    names[k] = indicators[idx.get(k)];
                }
                if (idx.size() == 1) {
                    subIndices.put(d.getKey(), CorrelationMatrix.of(sub, names).standardized()[0]);
                } else {
                    Map<String, Object> dd = new LinkedHashMap<>();
                    subIndices.put(d.getKey(), pcaOf(sub, names, options, dd).values);
                    dimDiag.put(d.getKey(), dd);
                }
            }
            diag.put("dimensions", dimDiag);
        }
        return new SliceComposite(all.values, subIndices, byName(indicators, all.coefficients), diag);
    }

    private record PcaOutcome(double[] values, double[] coefficients) {
    }

    private static PcaOutcome pcaOf(double[][] x, String[] names, Map<String, Object> options, Map<String, Object> diag) {
        CorrelationMatrix corr = CorrelationMatrix.of(x, names);
        PrincipalComponents pca = PrincipalComponents.of(corr);
        int retained = ComponentRetention.count(pca, options.get("retain"), options.get("minShare"));
        PcaComposite composite = PcaComposite.of(pca, retained);
        int p = names.length;
        String[] pcs = new String[p];
        for (int k = 0; k < p; k++) {
            pcs[k] = "PC" + (k + 1);
        }
        diag.put("means", byName(names, corr.means()));
        diag.put("sds", byName(names, corr.sds()));
        diag.put("eigenvalues", byName(pcs, pca.eigenvalues()));
        diag.put("proportionOfVariance", byName(pcs, pca.share()));
        diag.put("cumulativeProportion", byName(pcs, pca.cumulative()));
        Map<String, Map<String, Double>> loadings = new LinkedHashMap<>();
        for (int j = 0; j < p; j++) {
            loadings.put(names[j], byName(pcs, pca.loadings()[j]));
        }
        diag.put("loadings", loadings);
        List<String> kept = new ArrayList<>();
        for (int k = 0; k < retained; k++) {
            kept.add(pcs[k]);
        }
        diag.put("retainedComponents", kept);
        diag.put("retainedWeights", byName(kept.toArray(String[]::new), composite.componentWeights()));
        double last = pca.eigenvalues()[p - 1];
        diag.put("conditionNumber", last > 0 ? pca.eigenvalues()[0] / last : Double.MAX_VALUE);
        try {
            KmoTest kmo = KmoTest.of(corr.correlation(), names);
            diag.put("kmo", kmo.overall());
            diag.put("kmoPerVariable", byName(names, kmo.perVariable()));
        } catch (IndexException e) {
            diag.put("kmoUnavailable", e.getMessage());
        }
        try {
            BartlettSphericityTest b = BartlettSphericityTest.of(corr.correlation(), corr.observations());
            Map<String, Object> bt = new LinkedHashMap<>();
            bt.put("chi2", b.chiSquared());
            bt.put("df", b.degreesOfFreedom());
            bt.put("pValue", b.pValue());
            diag.put("bartlett", bt);
        } catch (IndexException e) {
            diag.put("bartlettUnavailable", e.getMessage());
        }
        return new PcaOutcome(composite.values(), composite.indicatorCoefficients());
    }

    /** Dimensions in order of first appearance; empty when no indicator has a group. */
    static Map<String, List<Integer>> dimensions(String[] indicators, String[] groups) {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        boolean any = false;
        for (String g : groups) {
            any |= g != null && !g.isBlank();
        }
        if (!any) {
            return out;
        }
        for (int j = 0; j < groups.length; j++) {
            if (groups[j] == null || groups[j].isBlank()) {
                throw new IndexException("indicator '" + indicators[j]
                        + "' has no group while others do; give every indicator of a hierarchical system its dimension");
            }
            out.computeIfAbsent(groups[j], k -> new ArrayList<>()).add(j);
        }
        return out;
    }

    static Map<String, Double> byName(String[] names, double[] values) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int j = 0; j < names.length; j++) {
            out.put(names[j], values[j]);
        }
        return out;
    }

    static double number(Object value, double fallback) {
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IndexException("option value '" + value + "' is not a number");
        }
    }
}
