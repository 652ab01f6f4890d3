package io.panelflow.report.table;

import io.panelflow.model.spec.StudySpec;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Names printed in tables: the spec's labels for variables and terms, "Constant" for the intercept,
 * and fixed effects as "Province FE" or, interacted ({@code province^year}), "Province × Year FE".
 */
public final class Labels {

    private final Map<String, String> labels;

    public Labels(StudySpec spec) {
        this(spec == null ? Map.of() : spec.labels());
    }

    public Labels(Map<String, String> labels) {
        this.labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** These labels with more term labels; the spec's own labels win. */
    public Labels withTerms(Map<String, String> more) {
        Map<String, String> all = new java.util.HashMap<>(more);
        all.putAll(labels);
        return new Labels(all);
    }

    public static Labels none() {
        return new Labels(Map.<String, String>of());
    }

    public String variable(String name) {
        if (name == null) {
            return "";
        }
        return labels.getOrDefault(name, name);
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
            return "Constant";
        }
        return term;
    }

    public String fixedEffect(String name) {
        String dims = Arrays.stream(name.split("\\^"))
                .map(String::strip)
                .map(d -> capitalized(variable(d)))
                .collect(Collectors.joining(" × "));
        return dims + " FE";
    }

    /**
     * A name with a qualifier in parentheses ("regional_theil (theil-t)"), said once: a label that already ends
     * in a parenthesis ("Digital infrastructure (equal weights)") is not qualified again.
     */
    public static String qualified(String label, String qualifier) {
        if (qualifier == null || qualifier.isBlank() || label.strip().endsWith(")")) {
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
