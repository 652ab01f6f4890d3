package io.panelflow.index.composite;

import io.panelflow.model.result.IndexResult;

import java.util.Map;

/**
 * A computed composite index: its result (weights, diagnostics, values) and the panel columns it
 * adds, full length with NaN for the unit-years left out (a missing indicator): the composite under
 * the index's name and one sub-index per dimension under {@code "<index>_<dimension>"}.
 */
public record CompositeIndex(IndexResult result, Map<String, double[]> columns) {
}
