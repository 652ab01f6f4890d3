package io.panelflow.report.table;

import io.panelflow.model.result.ModelResult;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Row labels for a threshold model's regime terms ({@code DT_low}, {@code DT_mid}, {@code DT_high}): the regime
 * variable's label with the range of the threshold variable it covers, "DT (log pgdp ≤ 11.08)", read from the
 * result's {@code thresholdVariable} and {@code gamma} (or {@code gammas}) diagnostics.
 */
public final class ThresholdRegimes {

    private static final List<String> SUFFIXES = List.of("_low", "_mid", "_mid1", "_mid2", "_high");

    private ThresholdRegimes() {
    }

    /** Term → label for every regime term of the threshold models; empty for other models. */
    public static Map<String, String> labels(List<ModelResult> models, Labels labels) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ModelResult m : models) {
            Object variable = m.diagnostics().get("thresholdVariable");
            List<Double> gammas = gammas(m.diagnostics());
            if (variable == null || gammas.isEmpty()) {
                continue;
            }
            String q = labels.variable(String.valueOf(variable));
            m.coefficients().forEach(c -> {
                String range = range(c.term(), q, gammas);
                if (range != null) {
                    String regime = c.term().substring(0, c.term().lastIndexOf('_'));
                    out.putIfAbsent(c.term(), labels.text().get("threshold.regime", labels.term(regime), range));
                }
            });
        }
        return out;
    }

    private static String range(String term, String q, List<Double> g) {
        String suffix = SUFFIXES.stream().filter(term::endsWith).findFirst().orElse(null);
        if (suffix == null || term.length() == suffix.length()) {
            return null;
        }
        int last = g.size() - 1;
        return switch (suffix) {
            case "_low" -> q + " ≤ " + number(g.get(0));
            case "_high" -> q + " > " + number(g.get(last));
            case "_mid", "_mid1" -> g.size() < 2 ? null : number(g.get(0)) + " < " + q + " ≤ " + number(g.get(1));
            case "_mid2" -> g.size() < 3 ? null : number(g.get(1)) + " < " + q + " ≤ " + number(g.get(2));
            default -> null;
        };
    }

    private static List<Double> gammas(Map<String, Object> diagnostics) {
        List<Double> out = new ArrayList<>();
        if (diagnostics.get("gammas") instanceof List<?> list) {
            list.forEach(v -> {
                Double d = DiagnosticValue.asDouble(v);
                if (d != null) {
                    out.add(d);
                }
            });
        }
        if (out.isEmpty()) {
            Double d = DiagnosticValue.asDouble(diagnostics.get("gamma"));
            if (d != null) {
                out.add(d);
            }
        }
        out.sort(Double::compare);
        return out;
    }

    /** Four significant digits, as a threshold is quoted in the text (11.08, 0.3571). */
    static String number(double v) {
        String s = new BigDecimal(Double.toString(v)).round(new MathContext(4, RoundingMode.HALF_UP))
                .stripTrailingZeros().toPlainString();
        return s.startsWith("-") ? "−" + s.substring(1) : s;
    }
}
