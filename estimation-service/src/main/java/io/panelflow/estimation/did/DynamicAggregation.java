package io.panelflow.estimation.did;

import java.util.List;

/**
 * did's {@code aggte(type = "dynamic")}: the effect by event time and their average over e ≥ 0.
 *
 * @param eventTimes θ(e) for every event time present (negative ones are the varying-base placebos), ascending
 * @param overall    mean of θ(e) over e ≥ 0 with the mean of their influence functions
 */
public record DynamicAggregation(List<EventTimeEstimate> eventTimes, AggregateEstimate overall) {
    public DynamicAggregation {
        eventTimes = List.copyOf(eventTimes);
    }
}
