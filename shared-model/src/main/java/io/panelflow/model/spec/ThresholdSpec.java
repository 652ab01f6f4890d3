package io.panelflow.model.spec;

import java.util.List;

/**
 * A fixed-effects panel threshold regression (Hansen 1999) with one to three thresholds, e.g. one:
 * {@code outcome = μ_i + β1 regime·1(q ≤ γ) + β2 regime·1(q > γ) + δ'controls + e}.
 *
 * @param id        names the result {@code threshold/<id>}
 * @param outcome   the dependent variable (an expression, e.g. {@code Y} or {@code log(Y)})
 * @param threshold the threshold variable q (an expression, e.g. {@code log(pgdp)})
 * @param regime    the regime-dependent regressor (an expression)
 * @param controls  common regressors (expressions)
 * @param trim      share of observations trimmed at each end of the candidate grid (default 0.05)
 * @param bootstrap replications of the fixed-regressor bootstrap of the test of no threshold (default 300; 0 = none)
 * @param seed      seed of the bootstrap draws (default 1)
 * @param level     level of the likelihood-ratio confidence set of γ (default 0.95)
 * @param thresholds the number of thresholds, 1 (default), 2 or 3, tested sequentially (single vs none,
 *                  double vs single, triple vs double), each with its bootstrap
 */
public record ThresholdSpec(String id, String outcome, String threshold, String regime, List<String> controls,
                            double trim, int bootstrap, long seed, double level, int thresholds) {
    public static final double DEFAULT_TRIM = 0.05;
    public static final int DEFAULT_BOOTSTRAP = 300;

    public ThresholdSpec {
        controls = controls == null ? List.of() : List.copyOf(controls);
        thresholds = thresholds < 1 ? 1 : thresholds;
    }

    /** One threshold. */
    public ThresholdSpec(String id, String outcome, String threshold, String regime, List<String> controls,
                         double trim, int bootstrap, long seed, double level) {
        this(id, outcome, threshold, regime, controls, trim, bootstrap, seed, level, 1);
    }
}
