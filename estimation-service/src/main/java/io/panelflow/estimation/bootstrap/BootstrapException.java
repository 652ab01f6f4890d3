package io.panelflow.estimation.bootstrap;

import io.panelflow.estimation.engine.EstimationException;

/**
 * A wild cluster bootstrap that cannot be run: the model is not clustered on exactly one dimension,
 * has fewer than two clusters, is weighted or instrumental, or the tested term is not among the
 * estimated coefficients. The message names the term or setting at fault.
 */
public class BootstrapException extends EstimationException {
    public BootstrapException(String message) {
        super(message);
    }
}
