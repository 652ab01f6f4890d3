package io.panelflow.model.result;

/** A fixed-effect dimension absorbed by a model, with its number of levels in the estimation sample. */
public record FixedEffectInfo(String name, int levels) {
}
