package io.panelflow.ingest.upload;

import io.panelflow.model.spec.SpecLimits;

/**
 * Limits on an uploaded data file, checked while it is read, so that no file can hold the reader longer or
 * take more memory than these allow. A file over a limit is refused with a 413 problem naming the limit and
 * its configuration key.
 *
 * @param maxBytes           the largest file, in bytes ({@code panelflow.upload.max-bytes}, default 1 GiB)
 * @param rows               data rows, header not counted ({@code panelflow.limits.rows})
 * @param columns            columns ({@code panelflow.limits.columns})
 * @param cells              rows × columns ({@code panelflow.limits.cells})
 * @param maxCellChars       characters of one cell ({@code panelflow.upload.max-cell-chars}, default 32767,
 *                           Excel's own limit)
 * @param minInflateRatio    XLSX: the smallest compressed/uncompressed size ratio of a zip entry
 *                           ({@code panelflow.upload.xlsx.min-inflate-ratio}, default 0.01, i.e. at most 100×
 *                           expansion); a smaller ratio is a decompression bomb
 * @param maxEntryBytes      XLSX: the largest uncompressed zip entry ({@code panelflow.upload.xlsx.max-entry-bytes},
 *                           default 1 GiB)
 * @param maxTextChars       XLSX: the most characters POI extracts as text ({@code panelflow.upload.xlsx.max-text-chars},
 *                           default 10 Mi characters)
 */
public record UploadLimits(long maxBytes, int rows, int columns, long cells, int maxCellChars,
                           double minInflateRatio, long maxEntryBytes, long maxTextChars) {
    /** 1 GiB. */
    public static final long DEFAULT_MAX_BYTES = 1024L * 1024 * 1024;
    public static final int DEFAULT_MAX_CELL_CHARS = 32_767;
    public static final double DEFAULT_MIN_INFLATE_RATIO = 0.01;
    public static final long DEFAULT_MAX_ENTRY_BYTES = 1024L * 1024 * 1024;
    public static final long DEFAULT_MAX_TEXT_CHARS = 10L * 1024 * 1024;

    public static final UploadLimits DEFAULT = new UploadLimits(DEFAULT_MAX_BYTES);

    public UploadLimits {
        if (maxBytes <= 0 || rows <= 0 || columns <= 0 || cells <= 0 || maxCellChars <= 0 || maxEntryBytes <= 0
                || maxTextChars <= 0) {
            throw new IllegalArgumentException("upload limits must be positive");
        }
        if (!(minInflateRatio > 0 && minInflateRatio < 1)) {
            throw new IllegalArgumentException("the minimum inflate ratio must lie in (0, 1): " + minInflateRatio);
        }
    }

    /** The default limits with another file size limit. */
    public UploadLimits(long maxBytes) {
        this(maxBytes, SpecLimits.DEFAULT);
    }

    /** The row, column and cell limits of {@code spec}, defaults for the rest. */
    public UploadLimits(long maxBytes, SpecLimits spec) {
        this(maxBytes, spec.rows(), spec.columns(), spec.cells(), DEFAULT_MAX_CELL_CHARS, DEFAULT_MIN_INFLATE_RATIO,
                DEFAULT_MAX_ENTRY_BYTES, DEFAULT_MAX_TEXT_CHARS);
    }

    public UploadLimits withRows(int rows, int columns, long cells) {
        return new UploadLimits(maxBytes, rows, columns, cells, maxCellChars, minInflateRatio, maxEntryBytes, maxTextChars);
    }

    public UploadLimits withXlsx(double minInflateRatio, long maxEntryBytes, long maxTextChars) {
        return new UploadLimits(maxBytes, rows, columns, cells, maxCellChars, minInflateRatio, maxEntryBytes, maxTextChars);
    }

    public UploadLimits withMaxCellChars(int maxCellChars) {
        return new UploadLimits(maxBytes, rows, columns, cells, maxCellChars, minInflateRatio, maxEntryBytes, maxTextChars);
    }

    /** The problem for a table with more data rows than allowed. */
    UploadProblem tooManyRows(String where) {
        return UploadProblem.tooLarge("Too many rows", where + " has more than " + rows
                + " data rows; the limit is " + rows + " (panelflow.limits.rows)");
    }

    /** The problem for a record with more columns than allowed. */
    UploadProblem tooManyColumns(int row, int count) {
        return UploadProblem.tooLarge("Too many columns", "row " + row + " (row 1 is the header) has " + count
                + " columns; the limit is " + columns + " (panelflow.limits.columns)");
    }

    UploadProblem tooManyCells(long count) {
        return UploadProblem.tooLarge("Too many cells", "the table has more than " + count
                + " cells (rows × columns); the limit is " + cells + " (panelflow.limits.cells)");
    }

    UploadProblem cellTooLong(int row, String hint) {
        return UploadProblem.tooLarge("Cell too long", "row " + row + " (row 1 is the header) has a value longer than "
                + maxCellChars + " characters; the limit is " + maxCellChars + " (panelflow.upload.max-cell-chars)" + hint);
    }
}
