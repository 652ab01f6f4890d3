package io.panelflow.estimation.study;

import io.panelflow.estimation.engine.Estimate;
import io.panelflow.estimation.formula.ModelFrame;

/** A model frame with its estimate. */
record FittedModel(ModelFrame frame, Estimate estimate) {
}
