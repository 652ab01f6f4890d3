package io.panelflow.estimation.did;

import io.panelflow.estimation.engine.EstimationException;

/**
 * A staggered difference-in-differences design that cannot be estimated as asked: no never-treated
 * units, a cohort without a pre-treatment period, a cohort that changes within a unit, an unbalanced
 * panel where a balanced one is required, a missing column. The message names the unit, cohort or column.
 */
public class DidException extends EstimationException {
    public DidException(String message) {
        super(message);
    }
}
