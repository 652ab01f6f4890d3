package io.panelflow.model.spec;

import java.util.List;

/**
 * A staggered difference-in-differences study of a pilot adopted in batches.
 *
 * @param id       names the results {@code did/<id>/<method>}
 * @param outcome  the outcome column
 * @param adoption the adoption-year column (the first treated period of the unit; missing, 0 or a year after
 *                 the panel means never treated)
 * @param controls time-varying controls, added to the two-way fixed-effects and event-study regressions
 *                 (Sun–Abraham and Callaway–Sant'Anna are estimated without covariates)
 * @param methods  any of {@code twfe}, {@code event-study}, {@code sun-abraham}, {@code callaway-santanna};
 *                 all four when not given
 * @param vcov     variance of the regression methods (default: clustered by the panel unit)
 */
public record DidSpec(String id, String outcome, String adoption, List<String> controls, List<String> methods,
                      VcovSpec vcov) {
    public static final List<String> METHODS = List.of("twfe", "event-study", "sun-abraham", "callaway-santanna");

    public DidSpec {
        controls = controls == null ? List.of() : List.copyOf(controls);
        methods = methods == null || methods.isEmpty() ? METHODS : List.copyOf(methods);
        vcov = vcov == null ? VcovSpec.DEFAULT : vcov;
    }
}
