package io.panelflow.report.figure;

import io.panelflow.model.result.BalanceResult;
import io.panelflow.model.result.Coefficient;
import io.panelflow.model.result.GroupValue;
import io.panelflow.model.result.IndexResult;
import io.panelflow.model.result.IndexValue;
import io.panelflow.model.result.ModelResult;
import io.panelflow.report.table.Labels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The report's figures, built from results; each returns null when its inputs are missing. */
public final class Figures {

    public static final int WIDTH = 640;
    public static final int HEIGHT = 360;
    private static final int MAX_LABELLED = 8;
    /** Units drawn as grey lines at most: more make a figure no one can read and a file no one can open. */
    static final int MAX_DRAWN_UNITS = 200;
    private static final Pattern RELATIVE_PERIOD = Pattern.compile("::\\s*(-?\\d+)\\s*$");

    private final Labels labels;

    public Figures(Labels labels) {
        this.labels = labels == null ? Labels.none() : labels;
    }

    /** An index over the years: every unit as a line when few, else thin grey units behind the mean. */
    public Figure indexTrend(IndexResult index) {
        Map<String, Map<String, Double>> byUnit = new LinkedHashMap<>();
        TreeSet<String> times = new TreeSet<>();
        for (IndexValue v : index.values()) {
            byUnit.computeIfAbsent(v.unit(), k -> new TreeMap<>()).put(v.time(), v.value());
            times.add(v.time());
        }
        if (times.isEmpty()) {
            return null;
        }
        List<String> categories = new ArrayList<>(times);
        List<LineChart.Series> series = new ArrayList<>();
        boolean few = byUnit.size() <= MAX_LABELLED;
        for (Map.Entry<String, Map<String, Double>> e : byUnit.entrySet()) {
            if (series.size() >= MAX_DRAWN_UNITS) {
                break;
            }
            series.add(new LineChart.Series(e.getKey(), align(categories, e.getValue()), !few));
        }
        if (!few) {
            double[] mean = new double[categories.size()];
            for (int i = 0; i < categories.size(); i++) {
                String t = categories.get(i);
                mean[i] = byUnit.values().stream().map(m -> m.get(t))
                        .filter(v -> v != null && Double.isFinite(v)).mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            }
            series.add(new LineChart.Series(labels.text().get("figure.index.mean"), mean, false));
        }
        String name = labels.variable(index.name());
        return new Figure("figure-index-" + index.name(), labels.text().get("figure.overTime", name),
                few ? labels.text().get("figure.index.few") : byUnit.size() > MAX_DRAWN_UNITS
                        ? labels.text().get("figure.index.sampled", MAX_DRAWN_UNITS, byUnit.size())
                        : labels.text().get("figure.index.many"),
                new LineChart(name, null, categories, series, WIDTH, HEIGHT));
    }

    /** A balance index over the years, one line per group (the national figure first). */
    public Figure balanceTrend(BalanceResult balance) {
        Map<String, Map<String, Double>> byGroup = new LinkedHashMap<>();
        TreeSet<String> times = new TreeSet<>();
        for (GroupValue v : balance.values()) {
            byGroup.computeIfAbsent(v.group(), k -> new TreeMap<>()).put(v.time(), v.value());
            times.add(v.time());
        }
        if (times.isEmpty()) {
            return null;
        }
        List<String> categories = new ArrayList<>(times);
        boolean few = byGroup.size() <= MAX_LABELLED;
        List<LineChart.Series> series = new ArrayList<>();
        Map<String, Double> all = byGroup.remove("all");
        byGroup.forEach((g, values) -> series.add(new LineChart.Series(g, align(categories, values), !few)));
        if (all != null) {
            series.add(few ? 0 : series.size(), new LineChart.Series(labels.text().get("balance.all"), align(categories, all), false));
        }
        String name = labels.variable(balance.name());
        return new Figure("figure-balance-" + balance.name(), labels.text().get("figure.overTime", io.panelflow.report.table.Labels.qualified(name, balance.method())),
                labels.text().get(few ? "figure.balance.few" : "figure.balance.many"),
                new LineChart(name, null, categories, series, WIDTH, HEIGHT));
    }

    /** The coefficient on {@code term} in each column with its 95% confidence interval. */
    public Figure coefficientPlot(String id, String caption, List<ModelResult> models, String term) {
        List<Estimate> estimates = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            Coefficient c = models.get(i).coefficient(term);
            if (c != null && Double.isFinite(c.estimate())) {
                estimates.add(new Estimate("(" + (i + 1) + ")", i, c.estimate(), low(c), high(c)));
            }
        }
        if (estimates.isEmpty()) {
            return null;
        }
        return new Figure(id, caption, labels.text().get("figure.coefficients.notes", labels.term(term)),
                new CoefficientPlot(labels.text().get("figure.coefficients.axis", labels.term(term)), estimates, WIDTH, HEIGHT));
    }

    /**
     * An event-study plot from coefficients named like fixest's {@code i(rel, ref = -1)} terms
     * ({@code rel::-3}); the omitted reference period is drawn at zero. Null when the model has
     * fewer than two such terms.
     */
    public Figure eventStudy(String id, String caption, ModelResult model) {
        Map<Integer, Estimate> byPeriod = new TreeMap<>();
        for (Coefficient c : model.coefficients()) {
            Matcher m = RELATIVE_PERIOD.matcher(c.term());
            if (m.find()) {
                int k = Integer.parseInt(m.group(1));
                byPeriod.put(k, new Estimate(Integer.toString(k), k, c.estimate(), low(c), high(c)));
            }
        }
        if (byPeriod.size() < 2) {
            return null;
        }
        int first = ((TreeMap<Integer, Estimate>) byPeriod).firstKey();
        int last = ((TreeMap<Integer, Estimate>) byPeriod).lastKey();
        for (int k = first; k <= last; k++) {
            if (!byPeriod.containsKey(k) && k < 0) {
                byPeriod.put(k, new Estimate(Integer.toString(k), k, 0, 0, 0));
                break;
            }
        }
        return new Figure(id, caption, labels.text().get("figure.eventStudy.notes"),
                new EventStudyPlot(labels.text().get("figure.estimate"), new ArrayList<>(byPeriod.values()), WIDTH, HEIGHT));
    }

    /**
     * The density of a placebo test's permutation estimates (Gaussian kernel, R's default bandwidth) with the true
     * estimate marked; null without placebo draws.
     */
    public Figure placeboDensity(String id, String caption, ModelResult model) {
        if (!(model.diagnostics().get("placebo") instanceof Map<?, ?> p) || !(p.get("estimates") instanceof List<?> l)
                || !(p.get("estimate") instanceof Number estimate)) {
            return null;
        }
        double[] draws = l.stream().filter(v -> v instanceof Number).mapToDouble(v -> ((Number) v).doubleValue())
                .filter(Double::isFinite).toArray();
        if (draws.length < 2) {
            return null;
        }
        Object pValue = p.get("pValue");
        String label = labels.text().get("figure.estimate") + " " + String.format(java.util.Locale.ROOT, "%.4f", estimate.doubleValue())
                + (pValue instanceof Number pv ? String.format(java.util.Locale.ROOT, " (p = %.3f)", pv.doubleValue()) : "");
        return new Figure(id, caption, labels.text().get("figure.placebo.notes", draws.length),
                new DensityPlot(labels.text().get("figure.placebo.axis", labels.term("treat_post")), draws, estimate.doubleValue(), label,
                        WIDTH, HEIGHT));
    }

    private static double low(Coefficient c) {
        return Double.isFinite(c.confLow()) ? c.confLow() : c.estimate() - 1.959964 * c.stdError();
    }

    private static double high(Coefficient c) {
        return Double.isFinite(c.confHigh()) ? c.confHigh() : c.estimate() + 1.959964 * c.stdError();
    }

    private static double[] align(List<String> categories, Map<String, Double> values) {
        double[] out = new double[categories.size()];
        for (int i = 0; i < out.length; i++) {
            Double v = values.get(categories.get(i));
            out[i] = v == null ? Double.NaN : v;
        }
        return out;
    }
}
