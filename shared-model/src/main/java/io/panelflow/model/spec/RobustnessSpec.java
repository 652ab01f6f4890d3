package io.panelflow.model.spec;

import java.util.List;
import java.util.Map;

/**
 * A variant of a base model (the first model unless {@code model} names another): a new formula,
 * variables replaced, units excluded, controls or fixed effects added, or another vcov.
 */
public record RobustnessSpec(String id, String model, String formula, Map<String, String> replace,
                             Map<String, List<String>> exclude, List<String> addControls,
                             List<String> addFixedEffects, VcovSpec vcov) {
    public RobustnessSpec {
        replace = replace == null ? Map.of() : Map.copyOf(replace);
        exclude = exclude == null ? Map.of() : Map.copyOf(exclude);
        addControls = addControls == null ? List.of() : List.copyOf(addControls);
        addFixedEffects = addFixedEffects == null ? List.of() : List.copyOf(addFixedEffects);
    }
}
