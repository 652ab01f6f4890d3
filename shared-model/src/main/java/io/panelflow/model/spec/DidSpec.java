package io.panelflow.model.spec;

import java.util.List;

/**
 * A staggered difference-in-differences study of a pilot adopted in batches.
 *
 * @param id       names the results {@code did/<id>/<method>}
 * @param outcome  the outcome column
 * @param adoption the adoption-year column (the first treated period of the unit; missing, 0 or a year after
 *                 the panel means never treated)
 * @param controls covariates: regressors of the two-way fixed-effects, event-study and Sun–Abraham regressions,
 *                 and the covariates of Callaway–Sant'Anna's doubly robust estimator (as R did's {@code xformla})
 * @param methods  any of {@code twfe}, {@code event-study}, {@code sun-abraham}, {@code callaway-santanna};
 *                 all four when not given
 * @param vcov     variance of the regression methods (default: clustered by the panel unit)
 * @param controlGroup Callaway–Sant'Anna's comparison units: {@code never-treated} (default) or
 *                 {@code not-yet-treated}
 * @param placebo  a permutation placebo test of the two-way fixed-effects ATT, or null
 */
public record DidSpec(String id, String outcome, String adoption, List<String> controls, List<String> methods,
                      VcovSpec vcov, String controlGroup, PlaceboSpec placebo) {
    public static final List<String> METHODS = List.of("twfe", "event-study", "sun-abraham", "callaway-santanna");
    public static final List<String> CONTROL_GROUPS = List.of("never-treated", "not-yet-treated");

    public DidSpec {
        controls = controls == null ? List.of() : List.copyOf(controls);
        methods = methods == null || methods.isEmpty() ? METHODS : List.copyOf(methods);
        vcov = vcov == null ? VcovSpec.DEFAULT : vcov;
        controlGroup = controlGroup == null ? CONTROL_GROUPS.get(0) : controlGroup;
    }

    /** Never-treated controls, no placebo test. */
    public DidSpec(String id, String outcome, String adoption, List<String> controls, List<String> methods,
                   VcovSpec vcov) {
        this(id, outcome, adoption, controls, methods, vcov, null, null);
    }
}
