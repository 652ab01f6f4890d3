package io.panelflow.model.spec;

import java.util.List;

/** Winsorize {@code columns} at the {@code lower} and {@code upper} quantiles (type 7), pooled or within each time period. */
public record WinsorizeSpec(double lower, double upper, List<String> columns, boolean byTime) {
    public WinsorizeSpec {
        columns = columns == null ? List.of() : List.copyOf(columns);
    }
}
