package io.panelflow.model.result;

import java.util.List;

/**
 * The data-quality report of a run: panel shape and balance, what was filled or winsorized per
 * column, and descriptive statistics of the cleaned variables.
 */
public record DataQualityReport(int rows, int units, int periods, String firstPeriod, String lastPeriod,
                                boolean balanced, int gaps, List<ColumnQuality> columns,
                                List<DescriptiveStatistic> descriptives, List<String> notes) {
    public DataQualityReport {
        columns = columns == null ? List.of() : List.copyOf(columns);
        descriptives = descriptives == null ? List.of() : List.copyOf(descriptives);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
