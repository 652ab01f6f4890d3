package io.panelflow.model.spec;

/** A column computed from an expression of other columns, e.g. {@code {name: pgdp, expr: "gdp / pop"}}. */
public record DerivedColumnSpec(String name, String expr) {
}
