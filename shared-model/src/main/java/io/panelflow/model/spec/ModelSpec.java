package io.panelflow.model.spec;

/**
 * One model: a fixest formula ({@code y ~ x1 + x2 | fe1 + fe2 | endo ~ inst}), its variance estimator,
 * and whether to print it as a stepwise table (one column per cumulative regressor).
 *
 * @param singletons    {@code keep} (fixest default) or {@code drop} (reghdfe: iteratively)
 * @param wildBootstrap optional wild cluster bootstrap-t of the first regressor (null = none)
 */
public record ModelSpec(String id, String title, String formula, VcovSpec vcov, boolean stepwise, String singletons,
                        String weights, WildBootstrapSpec wildBootstrap) {
    public ModelSpec {
        vcov = vcov == null ? VcovSpec.DEFAULT : vcov;
        singletons = singletons == null ? "keep" : singletons;
    }
}
