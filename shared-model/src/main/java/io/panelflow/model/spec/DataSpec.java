package io.panelflow.model.spec;

/**
 * What the uploaded data is, for the report's data section: a description, its source, and whether
 * it is synthetic (generated), which every report then says plainly.
 */
public record DataSpec(String description, String source, boolean synthetic) {
    public static final DataSpec UNDESCRIBED = new DataSpec(null, null, false);
}
