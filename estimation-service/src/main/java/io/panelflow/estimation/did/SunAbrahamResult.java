package io.panelflow.estimation.did;

import io.panelflow.estimation.engine.Estimate;

import java.util.List;

/**
 * Sun–Abraham interaction-weighted estimates.
 *
 * @param estimate       the saturated regression (one term per cohort × relative-period cell)
 * @param cohortPeriod   the cell coefficients, by relative period, then cohort
 * @param eventTimes     the cell-count weighted event-time aggregates, ascending
 * @param att            the cell-count weighted average over all cells with l ≥ 0
 */
public record SunAbrahamResult(Estimate estimate, List<CohortPeriodEstimate> cohortPeriod,
                               List<EventTimeEstimate> eventTimes, AggregateEstimate att) {
    public SunAbrahamResult {
        cohortPeriod = List.copyOf(cohortPeriod);
        eventTimes = List.copyOf(eventTimes);
    }
}
