package io.panelflow.report.table;

import io.panelflow.model.result.Coefficient;
import io.panelflow.model.result.ModelResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Diagnostic rows read defensively from {@code ModelResult.diagnostics}: weak-instrument F
 * statistics, the Stock–Yogo critical value, overidentification and endogeneity tests, Sobel, the
 * Hausman tests of fixed against random effects (classic and cluster-robust), the wild cluster bootstrap
 * p-value, the learner, folds and repetitions of double machine learning, the thresholds and the sequential
 * threshold tests (F with the bootstrap p-value). Only
 * rows some column has are printed. Also reads the first-stage coefficients on the instruments.
 */
public final class IvDiagnostics {

    /**
     * One printed diagnostic: its row label, the diagnostics key, how to pick the value, and whether the picked
     * value is a p-value (printed "&lt;0.001" below the smallest printable value).
     */
    public record Diagnostic(String label, String key, UnaryOperator<Object> pick, boolean pValue) {
        public Diagnostic(String label, String key, UnaryOperator<Object> pick) {
            this(label, key, pick, false);
        }
    }

    public static final List<Diagnostic> GENERAL = List.of(
            new Diagnostic("Kleibergen–Paap rk Wald F", "kleibergenPaapF", v -> v),
            new Diagnostic("Cragg–Donald Wald F", "craggDonaldF", v -> v),
            new Diagnostic("Kleibergen–Paap rk LM", "kleibergenPaapLM", v -> v),
            new Diagnostic("Stock–Yogo 10% critical value", "stockYogo", DiagnosticValue::stockYogoTenPercent),
            new Diagnostic("Stock–Yogo 10% relative bias critical value", "stockYogoRelativeBias",
                    DiagnosticValue::stockYogoTenPercent),
            new Diagnostic("First-stage F", "ivF", IvDiagnostics::firstEndogenous),
            new Diagnostic("First-stage robust Wald F", "ivWald", IvDiagnostics::firstEndogenous),
            new Diagnostic("Sargan test", "sargan", v -> v),
            new Diagnostic("Hansen J test", "hansenJ", v -> v),
            new Diagnostic("Wu–Hausman test", "wuHausman", v -> v),
            new Diagnostic("Sobel test", "sobel", v -> v),
            new Diagnostic("Hausman test (FE vs RE)", "hausman", v -> v),
            new Diagnostic("Robust Hausman test", "hausman", IvDiagnostics::robustPart),
            new Diagnostic("Wild bootstrap p", "wildBootstrap", IvDiagnostics::pValueOnly, true),
            new Diagnostic("Pre-trend Wald test", "preTrendWald", v -> v),
            new Diagnostic("Placebo p (random adoption years)", "placebo", IvDiagnostics::pValueOnly, true),
            new Diagnostic("DML learner", "learner", v -> v),
            new Diagnostic("Cross-fitting folds", "folds", v -> v),
            new Diagnostic("Cross-fitting repetitions", "repeats", v -> v),
            new Diagnostic("Threshold", "gamma", v -> v),
            new Diagnostic("Thresholds", "gammas", v -> v),
            new Diagnostic("Single vs none: F [bootstrap p]", "tests", IvDiagnostics.step(0)),
            new Diagnostic("Double vs single: F [bootstrap p]", "tests", IvDiagnostics.step(1)),
            new Diagnostic("Triple vs double: F [bootstrap p]", "tests", IvDiagnostics.step(2)));

    /** Step i of the threshold tests ({@code [{test, gamma, f, pValue, ...}, ...]}), or null. */
    static UnaryOperator<Object> step(int i) {
        return raw -> raw instanceof List<?> list && list.size() > i ? list.get(i) : null;
    }

    /**
     * The p-value alone, as a plain number (the wild cluster bootstrap's {@code {term, type, draws, pValue, t, ...}}
     * prints its p, not its t); a plain number passes through.
     */
    static Object pValueOnly(Object raw) {
        if (raw instanceof Map<?, ?> map) {
            return DiagnosticValue.number(map, List.of("pValue", "p"));
        }
        return raw;
    }

    /** The cluster-robust form inside the Hausman diagnostic ({@code {statistic, df, pValue, robust: {...}}}). */
    static Object robustPart(Object raw) {
        return raw instanceof Map<?, ?> map ? map.get("robust") : null;
    }

    /**
     * Per-endogenous statistics arrive keyed by the endogenous regressor
     * ({@code {"DT": {"stat": .., "p": ..}}}); the table prints the first regressor's (the one of
     * interest, as the formula lists it). A plain statistic passes through.
     */
    static Object firstEndogenous(Object raw) {
        if (raw instanceof Map<?, ?> map && !map.isEmpty() && DiagnosticValue.number(map, List.of("stat", "statistic")) == null) {
            Object first = map.values().iterator().next();
            return first instanceof Map<?, ?> ? first : raw;
        }
        return raw;
    }

    private final RegressionTableBuilder builder;

    public IvDiagnostics(RegressionTableBuilder builder) {
        this.builder = builder;
    }

    public List<Row> rows(List<ModelResult> models, List<Diagnostic> diagnostics) {
        List<Row> rows = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            List<Object> values = models.stream().map(m -> d.pick().apply(m.diagnostics().get(d.key()))).toList();
            if (values.stream().anyMatch(v -> v != null)) {
                rows.add(Row.of(RowKind.STATISTIC, label(d, builder.labels().text()),
                        values.stream().map(v -> d.pValue() ? DiagnosticValue.pValueCell(v, builder.numbers())
                                : DiagnosticValue.cell(v, builder.numbers())).toList()));
            }
        }
        return rows;
    }

    /**
     * The row label in the report's language: the English label, or its translation under
     * {@code diagnostic.<label's letters and digits>} in the language's catalogue.
     */
    static String label(Diagnostic d, io.panelflow.report.text.ReportText text) {
        if (!text.isChinese()) {
            return d.label();
        }
        String translated = text.find("diagnostic." + d.label().replaceAll("[^A-Za-z0-9]", ""));
        return translated == null ? d.label() : translated;
    }

    public static boolean anyPValue(List<ModelResult> models, List<Diagnostic> diagnostics) {
        return models.stream().anyMatch(m -> diagnostics.stream()
                .anyMatch(d -> DiagnosticValue.hasPValue(m.diagnostics().get(d.key()))));
    }

    /**
     * The first-stage coefficients of a model: {@code diagnostics.firstStage} may be a list of
     * coefficient maps (or {@link Coefficient}s), a map holding such a list under
     * {@code coefficients}, a map of term to coefficient map, or one coefficient map.
     */
    public static List<FirstStageCoefficient> firstStage(ModelResult model) {
        Object raw = model.diagnostics().get("firstStage");
        List<FirstStageCoefficient> out = new ArrayList<>();
        collect(raw, null, out);
        return out;
    }

    private static void collect(Object raw, String termHint, List<FirstStageCoefficient> out) {
        if (raw instanceof Coefficient c) {
            out.add(new FirstStageCoefficient(c.term(), c.estimate(), c.stdError(), c.statistic(), c.pValue()));
        } else if (raw instanceof List<?> list) {
            list.forEach(item -> collect(item, null, out));
        } else if (raw instanceof Map<?, ?> map) {
            Double estimate = DiagnosticValue.number(map, List.of("estimate", "coefficient", "coef", "beta"));
            if (estimate != null) {
                Object term = firstPresent(map, "term", "instrument", "name", "variable");
                out.add(new FirstStageCoefficient(term != null ? String.valueOf(term) : termHint == null ? "instrument" : termHint,
                        estimate,
                        orNaN(DiagnosticValue.number(map, List.of("stdError", "se", "std_error", "stderr"))),
                        orNaN(DiagnosticValue.number(map, List.of("statistic", "t", "z"))),
                        orNaN(DiagnosticValue.number(map, List.of("pValue", "p", "pvalue", "p_value")))));
                return;
            }
            Object coefficients = firstPresent(map, "coefficients", "instruments");
            if (coefficients != null) {
                collect(coefficients, null, out);
                return;
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> || e.getValue() instanceof Coefficient) {
                    collect(e.getValue(), String.valueOf(e.getKey()), out);
                }
            }
        }
    }

    private static Object firstPresent(Map<?, ?> map, String... keys) {
        for (String k : keys) {
            if (map.get(k) != null) {
                return map.get(k);
            }
        }
        return null;
    }

    private static double orNaN(Double d) {
        return d == null ? Double.NaN : d;
    }
}
