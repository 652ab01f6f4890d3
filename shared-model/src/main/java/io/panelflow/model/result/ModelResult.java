package io.panelflow.model.result;

import java.util.List;
import java.util.Map;

/**
 * The estimates of one model, named after R's broom. {@code id} is the spec's model id; stepwise
 * columns are {@code id/1}, {@code id/2}, ...; variants are {@code robustness/<id>},
 * {@code heterogeneity/<by>/<group>}, {@code mechanism/<mediator>/<path>}.
 *
 * @param group        the table the model is printed in (baseline, robustness, heterogeneity, mechanism, iv)
 * @param title        column title in that table
 * @param diagnostics  first-stage statistics, weak-instrument F, Hausman, Sobel, F test, ...
 * @param notes        plain-language notes: dropped collinear terms, removed singletons, conventions
 */
public record ModelResult(String id, String group, String title, String formula, String dependent, int nobs,
                          DroppedRows dropped, List<FixedEffectInfo> fixedEffects, VcovInfo vcov,
                          List<Coefficient> coefficients, Double r2, Double adjR2, Double r2Within, Double rmse,
                          Map<String, Object> diagnostics, List<String> notes) {
    public ModelResult {
        fixedEffects = fixedEffects == null ? List.of() : List.copyOf(fixedEffects);
        coefficients = coefficients == null ? List.of() : List.copyOf(coefficients);
        diagnostics = diagnostics == null ? Map.of() : diagnostics;
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public Coefficient coefficient(String term) {
        return coefficients.stream().filter(c -> c.term().equals(term)).findFirst().orElse(null);
    }
}
