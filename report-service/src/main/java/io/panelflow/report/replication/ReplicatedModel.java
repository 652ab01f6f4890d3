package io.panelflow.report.replication;

import io.panelflow.model.result.VcovInfo;
import io.panelflow.model.spec.DidSpec;

import java.util.List;

/**
 * One panelflow result as a replication script re-estimates it.
 *
 * @param id             the result id (the {@code model} column of replicate-results.csv)
 * @param kind           which estimator
 * @param formula        the formula panelflow fitted (fixest syntax, as in the result), null for Callaway–Sant'Anna
 * @param vcov           the variance estimator panelflow used (from the result)
 * @param fixefK         small-sample count of fixed effects: nested (fixest's default), full or none
 * @param weights        a weights column, or null
 * @param dropSingletons whether singletons are dropped (reghdfe's rule) rather than kept (fixest's)
 * @param sample         the rows the model is fitted on
 * @param did            the staggered-DID entry of the spec for the DID kinds, else null
 * @param terms          the coefficient names panelflow reports, in order
 */
public record ReplicatedModel(String id, Kind kind, String formula, VcovInfo vcov, String fixefK, String weights,
                              boolean dropSingletons, SampleRule sample, DidSpec did, List<String> terms) {

    public enum Kind {
        /** OLS or IV with fixed effects: fixest {@code feols}, Stata {@code reghdfe}/{@code ivreghdfe}. */
        FIXED_EFFECTS,
        /** Staggered DID regressions on {@code treat_post} or {@code i(rel_time)}: feols on the DID columns. */
        DID_REGRESSION,
        /** Sun and Abraham's interaction-weighted estimator: fixest {@code sunab}. */
        SUN_ABRAHAM,
        /** Callaway and Sant'Anna: R {@code did::att_gt}, Stata {@code csdid}. */
        CALLAWAY_SANTANNA
    }

    public ReplicatedModel {
        terms = terms == null ? List.of() : List.copyOf(terms);
    }
}
