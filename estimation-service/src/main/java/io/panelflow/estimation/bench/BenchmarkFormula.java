package io.panelflow.estimation.bench;

import java.util.Arrays;

/**
 * The benchmark's minimal formula reader: {@code y ~ x1 + x2 | fe1 + fe2}, plain column names only.
 * Deliberately isolated: the study layer has the full fixest-syntax formula parser.
 */
record BenchmarkFormula(String dependent, String[] regressors, String[] fixedEffects) {

    static BenchmarkFormula parse(String text) {
        String[] sides = text.split("~", 2);
        if (sides.length != 2) {
            throw new IllegalArgumentException("formula needs '~': " + text);
        }
        String[] parts = sides[1].split("\\|");
        String[] x = terms(parts[0]);
        String[] fe = parts.length > 1 ? terms(parts[1]) : new String[0];
        return new BenchmarkFormula(sides[0].trim(), x, fe);
    }

    private static String[] terms(String s) {
        return Arrays.stream(s.split("\\+")).map(String::trim).filter(t -> !t.isEmpty() && !t.equals("1"))
                .toArray(String[]::new);
    }
}
