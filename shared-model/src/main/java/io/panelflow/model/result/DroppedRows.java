package io.panelflow.model.result;

/** Observations left out of a model: rows with a missing or non-finite used value, and singleton fixed-effect groups. */
public record DroppedRows(int missing, int singletons) {
}
