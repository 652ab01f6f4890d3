package io.panelflow.estimation.engine;

/**
 * @param dropSingletons drop singleton fixed-effect groups iteratively (reghdfe) instead of keeping them (fixest)
 * @param tolerance      convergence tolerance of the fixed-effect demeaning
 * @param maxIterations  iteration cap of the demeaning
 */
public record EstimationOptions(boolean dropSingletons, double tolerance, int maxIterations) {
    public static final EstimationOptions DEFAULT = new EstimationOptions(false, 1e-12, 100_000);
}
