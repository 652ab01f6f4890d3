package io.panelflow.report.table;

import io.panelflow.model.spec.StudySpec;
import io.panelflow.report.text.ReportText;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Names printed in tables, in the report's language: the spec's labels for variables and terms (in any
 * language), "Constant" for the intercept, and fixed effects as "Province FE" or, interacted
 * ({@code province^year}), "Province × Year FE" — in Chinese 常数项 and 省份固定效应, with the usual panel keys
 * (province, year, city, …) named in Chinese when the spec gives them no label.
 */
public final class Labels {

    private final Map<String, String> labels;
    private final ReportText text;

    public Labels(StudySpec spec) {
        this(spec == null ? Map.of() : spec.labels(),
                ReportText.of(spec == null ? null : spec.report().language()));
    }

    public Labels(Map<String, String> labels) {
        this(labels, ReportText.ENGLISH);
    }

    public Labels(Map<String, String> labels, ReportText text) {
        this.labels = labels == null ? Map.of() : Map.copyOf(labels);
        this.text = text == null ? ReportText.ENGLISH : text;
    }

    public static Labels none() {
        return new Labels(Map.<String, String>of());
    }

    /** The report's texts in its language. */
    public ReportText text() {
        return text;
    }

    /** These labels with more term labels; the spec's own labels win. */
    public Labels withTerms(Map<String, String> more) {
        Map<String, String> all = new java.util.HashMap<>(more);
        all.putAll(labels);
        return new Labels(all, text);
    }

    /** The spec's label, else the language's name for a usual panel key (province → 省份), else the name. */
    public String variable(String name) {
        if (name == null) {
            return "";
        }
        String label = labels.get(name);
        if (label != null) {
            return label;
        }
        String usual = text.isChinese() ? text.find("variable." + name.toLowerCase(Locale.ROOT)) : null;
        return usual != null ? usual : name;
    }

    /** A coefficient's row label: its own label, else the formula text; the intercept is "Constant". */
    public String term(String term) {
        if (term == null) {
            return "";
        }
        if (labels.containsKey(term)) {
            return labels.get(term);
        }
        if (isIntercept(term)) {
            return text.get("row.constant");
        }
        return term;
    }

    public String fixedEffect(String name) {
        String dims = Arrays.stream(name.split("\\^"))
                .map(String::strip)
                .map(d -> capitalized(variable(d)))
                .collect(Collectors.joining(text.get("fixedEffect.interaction")));
        return text.get("fixedEffect", dims);
    }

    /**
     * A name with a qualifier in parentheses ("regional_theil (theil-t)"), said once: a label that already ends
     * in a parenthesis ("Digital infrastructure (equal weights)") is not qualified again.
     */
    public static String qualified(String label, String qualifier) {
        if (qualifier == null || qualifier.isBlank() || label.strip().endsWith(")") || label.strip().endsWith("）")) {
            return label;
        }
        return label + " (" + qualifier + ")";
    }

    public static boolean isIntercept(String term) {
        String t = term.toLowerCase(Locale.ROOT);
        return t.equals("(intercept)") || t.equals("intercept") || t.equals("_cons") || t.equals("constant");
    }

    static String capitalized(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }
}
