package io.panelflow.model.spec;

/**
 * One model: a fixest formula ({@code y ~ x1 + x2 | fe1 + fe2 | endo ~ inst}), its variance estimator,
 * and whether to print it as a stepwise table (one column per cumulative regressor).
 *
 * @param singletons    {@code keep} (fixest default) or {@code drop} (reghdfe: iteratively)
 * @param wildBootstrap optional wild cluster bootstrap-t of the first regressor (null = none)
 * @param hausman       one-way fixed effects in the first fixed effect against Swamy–Arora random effects, with
 *                      the classic and the cluster-robust Hausman test
 */
public record ModelSpec(String id, String title, String formula, VcovSpec vcov, boolean stepwise, String singletons,
                        String weights, WildBootstrapSpec wildBootstrap, boolean hausman) {
    public ModelSpec {
        vcov = vcov == null ? VcovSpec.DEFAULT : vcov;
        singletons = singletons == null ? "keep" : singletons;
    }

    public ModelSpec(String id, String title, String formula, VcovSpec vcov, boolean stepwise, String singletons,
                     String weights, WildBootstrapSpec wildBootstrap) {
        this(id, title, formula, vcov, stepwise, singletons, weights, wildBootstrap, false);
    }
}
