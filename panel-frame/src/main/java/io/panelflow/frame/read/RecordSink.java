package io.panelflow.frame.read;

/** Receives the records of a file one at a time, as they are read. */
@FunctionalInterface
public interface RecordSink {
    /**
     * @param row    the record's row number as a spreadsheet shows it (the first record is row 1)
     * @param fields its fields, valid only during this call
     */
    void record(int row, Fields fields);
}
