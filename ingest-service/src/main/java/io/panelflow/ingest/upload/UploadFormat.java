package io.panelflow.ingest.upload;

/** The file formats an upload may have. */
public enum UploadFormat {
    /** Delimited text: comma, semicolon or tab separated, RFC 4180 quoting. */
    CSV,
    /** An Office Open XML workbook (a zip archive, so its bytes start with {@code PK}). */
    XLSX,
    /** A Stata dataset, formats 114 to 119 (Stata 10 to 18). */
    DTA
}
