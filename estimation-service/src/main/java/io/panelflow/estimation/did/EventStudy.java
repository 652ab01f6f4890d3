package io.panelflow.estimation.did;

import io.panelflow.estimation.engine.Estimate;

import java.util.List;

/**
 * A two-way fixed-effects event study: the regression and its coefficients by relative period.
 *
 * @param estimate     the engine's fit (terms {@code rel_time::e})
 * @param coefficients one entry per estimated relative period, ascending, inference from the model's vcov
 *                     and t(df of the model)
 */
public record EventStudy(Estimate estimate, List<EventTimeEstimate> coefficients) {
    public EventStudy {
        coefficients = List.copyOf(coefficients);
    }
}
