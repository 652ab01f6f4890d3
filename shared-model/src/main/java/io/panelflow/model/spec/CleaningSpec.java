package io.panelflow.model.spec;

import java.util.List;

/**
 * Cleaning of the uploaded panel.
 *
 * @param missing     how interior gaps are filled: {@code none}, {@code linear} (interpolation within
 *                    unit over time), {@code growth} (average growth rate within unit), {@code nearest}
 * @param extrapolate whether leading and trailing gaps are filled too
 * @param columns     the columns to fill; empty means every numeric column used by the spec
 * @param winsorize   optional winsorizing
 */
public record CleaningSpec(String missing, boolean extrapolate, List<String> columns, WinsorizeSpec winsorize) {
    public static final CleaningSpec NONE = new CleaningSpec("none", false, List.of(), null);

    public CleaningSpec {
        missing = missing == null ? "none" : missing;
        columns = columns == null ? List.of() : List.copyOf(columns);
    }
}
