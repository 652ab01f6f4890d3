package io.panelflow.report.table;

import io.panelflow.model.result.Coefficient;
import io.panelflow.model.result.DataQualityReport;
import io.panelflow.model.result.ColumnQuality;
import io.panelflow.model.result.DescriptiveStatistic;
import io.panelflow.model.result.DroppedRows;
import io.panelflow.model.result.FixedEffectInfo;
import io.panelflow.model.result.IndexResult;
import io.panelflow.model.result.IndexValue;
import io.panelflow.model.result.BalanceResult;
import io.panelflow.model.result.GroupValue;
import io.panelflow.model.result.ModelResult;
import io.panelflow.model.result.VcovInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small hand-made results shared by the report tests. */
public final class SampleResults {

    public static final VcovInfo CLUSTER_PROVINCE =
            new VcovInfo("cluster", List.of("province"), List.of(31), null, "G/(G-1) * (n-1)/(n-K)");
    public static final List<FixedEffectInfo> TWO_WAY =
            List.of(new FixedEffectInfo("province", 31), new FixedEffectInfo("year", 9));

    private SampleResults() {
    }

    public static Coefficient coef(String term, double estimate, double se, double p) {
        return new Coefficient(term, estimate, se, estimate / se, p, estimate - 1.96 * se, estimate + 1.96 * se);
    }

    public static ModelResult model(String id, String group, String title, List<Coefficient> coefs,
                                    List<FixedEffectInfo> fe, Map<String, Object> diagnostics) {
        return new ModelResult(id, group, title, "Y ~ DT | province + year", "Y", 279, new DroppedRows(0, 0), fe,
                CLUSTER_PROVINCE, coefs, 0.98, 0.977, 0.41, 0.02, diagnostics, List.of());
    }

    /** Stepwise baseline: DT alone, then + log(pgdp), then + urban. */
    public static List<ModelResult> stepwise() {
        return List.of(
                model("baseline/1", "baseline", null, List.of(coef("DT", 0.261, 0.0419, 1.2e-8)), TWO_WAY, Map.of()),
                model("baseline/2", "baseline", null, List.of(coef("DT", 0.2815, 0.0418, 0.0099),
                        coef("log(pgdp)", -0.3191, 0.1123, 0.05)), TWO_WAY, Map.of()),
                model("baseline/3", "baseline", null, List.of(coef("DT", 0.272, 0.0422, 0.01),
                        coef("log(pgdp)", -0.2654, 0.1174, 0.0499), coef("urban", -0.1857, 0.1214, 0.12)),
                        List.of(new FixedEffectInfo("province^year", 279)), Map.of()));
    }

    public static List<ModelResult> robustness() {
        return List.of(
                model("robustness/pca-index", "robustness", "PCA index", List.of(coef("DT", 0.0143, 0.0022, 0.001)), TWO_WAY, Map.of()),
                model("robustness/lag", "robustness", "Lagged DT", List.of(coef("l(DT, 1)", 0.25, 0.05, 0.001)), TWO_WAY, Map.of()));
    }

    public static List<ModelResult> heterogeneity() {
        return List.of(
                model("heterogeneity/region/east", "heterogeneity", "East", List.of(coef("DT", 0.3, 0.1, 0.004)), TWO_WAY, Map.of()),
                model("heterogeneity/region/west", "heterogeneity", "West", List.of(coef("DT", 0.1, 0.1, 0.3)), TWO_WAY, Map.of()));
    }

    public static List<ModelResult> mechanism() {
        ModelResult a = new ModelResult("mechanism/innovation/a", "mechanism", "DT → innovation", "innovation ~ DT | province + year",
                "innovation", 279, new DroppedRows(0, 0), TWO_WAY, CLUSTER_PROVINCE,
                List.of(coef("DT", 9.686, 2.0, 0.0001)), 0.9, 0.89, 0.2, 1.0, Map.of("sobel", Map.of("statistic", 3.2, "pValue", 0.0014)), List.of());
        ModelResult b = model("mechanism/innovation/b", "mechanism", "Y on DT and innovation",
                List.of(coef("DT", 0.118, 0.03, 0.0002), coef("innovation", 0.001, 0.0006, 0.09)), TWO_WAY, Map.of());
        return List.of(a, b);
    }

    public static List<ModelResult> iv() {
        Map<String, Object> diag = new LinkedHashMap<>();
        diag.put("firstStage", List.of(Map.of("term", "bartik(DT)", "estimate", 0.073, "stdError", 0.0027, "pValue", 1e-9)));
        diag.put("kleibergenPaapF", 741.732);
        diag.put("stockYogo", Map.of("10%", 16.38, "15%", 8.96));
        diag.put("wuHausman", Map.of("statistic", 4.2, "pValue", 0.04));
        return List.of(model("robustness/iv", "iv", "IV Bartik", List.of(coef("DT", 0.826, 0.096, 1e-6)), TWO_WAY, diag));
    }

    public static List<DescriptiveStatistic> descriptives() {
        return List.of(new DescriptiveStatistic("Y", 279, 0.5, 0.1, 0.2, 0.49, 0.91),
                new DescriptiveStatistic("DT", 279, 0.12, 0.08, -0.0004, 0.1, Double.NaN));
    }

    public static IndexResult index() {
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put("optical_cable_km", 0.3);
        weights.put("broadband_ports", 0.2);
        weights.put("patents", 0.5);
        List<IndexValue> values = new ArrayList<>();
        String[] units = {"Beijing", "Hebei", "Shanxi"};
        for (int u = 0; u < units.length; u++) {
            for (int y = 2013; y <= 2016; y++) {
                values.add(new IndexValue(units[u], Integer.toString(y), 0.1 * (u + 1) + 0.02 * (y - 2013)));
            }
        }
        return new IndexResult("DT", "entropy-topsis", "pooled", weights, Map.of("kmo", 0.817), values);
    }

    public static BalanceResult balance() {
        return new BalanceResult("imbalance", "theil-t", "province", List.of(
                new GroupValue("all", "2013", 0.12), new GroupValue("all", "2014", 0.11),
                new GroupValue("Hebei", "2013", 0.08), new GroupValue("Hebei", "2014", 0.07)), Map.of());
    }

    public static DataQualityReport quality() {
        return new DataQualityReport(279, 31, 9, "2013", "2021", true, 0,
                List.of(new ColumnQuality("pgdp", 3, 3, 0, 3, 3)), descriptives(),
                List.of("3 missing values of pgdp filled by linear interpolation."));
    }
}
