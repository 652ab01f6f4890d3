package io.panelflow.ingest.upload;

import java.util.List;

/**
 * Bad input in an upload: the data file cannot be read, does not fit the study spec, or cannot be
 * cleaned as the spec asks. The REST layer answers it with a 4xx problem body made of {@link #title()},
 * {@link #detail()} and, where they apply, {@link #row()}, {@link #column()} and {@link #value()}.
 *
 * <p><b>Row numbers</b> are the ones a user sees in a spreadsheet: the header is row 1, so the first
 * data row is row 2. In a CSV file a quoted value spanning several lines still counts as one row, and
 * blank lines count (as they show up as blank rows); in an XLSX file the row number is the sheet's own.
 *
 * <p><b>Several problems.</b> Checks that are cheap to continue (one pass over the rows) collect up to
 * {@value #MAX_COLLECTED} problems; the exception describes the first one precisely, says in its detail
 * how many more were found, and lists the others in {@link #alsoFound()}. {@link #totalProblems()}
 * counts every problem found, including those beyond the collected ones.
 */
public class UploadProblem extends RuntimeException {
    /** The most problems kept in one exception (the first plus {@code MAX_COLLECTED - 1} others). */
    public static final int MAX_COLLECTED = 20;

    private final String title;
    private final String detail;
    private final Integer row;
    private final String column;
    private final String value;
    private final List<UploadProblem> alsoFound;
    private final int totalProblems;
    private final int status;

    public UploadProblem(String title, String detail, Integer row, String column, String value) {
        this(title, detail, row, column, value, List.of(), 1, 400);
    }

    private UploadProblem(String title, String detail, Integer row, String column, String value,
                          List<UploadProblem> alsoFound, int totalProblems, int status) {
        super(detail);
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.row = row;
        this.column = column;
        this.value = value;
        this.alsoFound = List.copyOf(alsoFound);
        this.totalProblems = totalProblems;
    }

    /** A problem of the whole file or spec, with no row, column or value. */
    public static UploadProblem of(String title, String detail) {
        return new UploadProblem(title, detail, null, null, null);
    }

    /** An upload over a size limit (bytes, rows, columns, cells, a decompression bomb): answered 413. */
    public static UploadProblem tooLarge(String title, String detail) {
        return new UploadProblem(title, detail, null, null, null, List.of(), 1, 413);
    }

    /** A problem of one column, with no row. */
    public static UploadProblem inColumn(String title, String detail, String column) {
        return new UploadProblem(title, detail, null, column, null);
    }

    /** A problem of one cell. */
    public static UploadProblem atCell(String title, String detail, int row, String column, String value) {
        return new UploadProblem(title, detail, row, column, value);
    }

    /**
     * The first of several problems, its detail followed by how many others were found:
     * {@code "... (and 3 more problems)"}.
     *
     * @param problems      the collected problems, in the order found (at least one)
     * @param totalProblems how many were found in all (at least {@code problems.size()})
     */
    public static UploadProblem firstOf(List<UploadProblem> problems, int totalProblems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems");
        }
        UploadProblem first = problems.get(0);
        if (totalProblems <= 1) {
            return first;
        }
        int more = totalProblems - 1;
        String detail = first.detail + " (and " + more + " more problem" + (more == 1 ? "" : "s") + ")";
        return new UploadProblem(first.title, detail, first.row, first.column, first.value,
                problems.subList(1, problems.size()), totalProblems, first.status);
    }

    /** The HTTP status to answer with: 400, or 413 for an upload over a size limit. */
    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    /** The row at fault (header = row 1), or null. */
    public Integer row() {
        return row;
    }

    /** The column at fault, or null. */
    public String column() {
        return column;
    }

    /** The offending value as written in the file, or null. */
    public String value() {
        return value;
    }

    /** The other problems collected after the first (at most {@value #MAX_COLLECTED} - 1). */
    public List<UploadProblem> alsoFound() {
        return alsoFound;
    }

    /** How many problems were found in all, including the first. */
    public int totalProblems() {
        return totalProblems;
    }
}
