package io.panelflow.estimation.threshold;

import io.panelflow.estimation.engine.EstimationException;

/**
 * A threshold model that cannot be estimated: arrays of different lengths, a non-finite value,
 * too few candidates after trimming, a regressor absorbed by the unit fixed effects or collinear
 * with the others, or an unbalanced panel where the fixed-regressor bootstrap needs a balanced one.
 * The message names the column or setting at fault.
 */
public class ThresholdException extends EstimationException {
    public ThresholdException(String message) {
        super(message);
    }
}
