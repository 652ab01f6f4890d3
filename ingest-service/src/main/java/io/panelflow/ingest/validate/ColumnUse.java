package io.panelflow.ingest.validate;

/**
 * One use of a data column by the study spec.
 *
 * @param column  the column name
 * @param numeric whether the use needs numbers (an indicator, a regressor, a measure); false for uses
 *                that take text as well (unit, group, attributes, balance {@code by}, fixed effects,
 *                cluster variables, categorical dummies, subsample splits by group)
 * @param usedBy  where the spec uses it, for messages: {@code "indices[0] (DT) indicator"}
 */
public record ColumnUse(String column, boolean numeric, String usedBy) {
}
