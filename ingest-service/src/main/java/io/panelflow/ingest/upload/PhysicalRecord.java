package io.panelflow.ingest.upload;

import java.util.List;

/**
 * A record as it comes out of a file, before the header is known: its row number as a
 * spreadsheet shows it and its fields, untrimmed, as written (no missing-value handling yet).
 */
record PhysicalRecord(int rowNumber, List<String> fields) {
    PhysicalRecord {
        fields = List.copyOf(fields);
    }

    /** Whether every field is empty or whitespace (a blank line, or a row of separators only). */
    boolean blank() {
        for (String f : fields) {
            if (f != null && !f.isBlank()) {
                return false;
            }
        }
        return true;
    }
}
