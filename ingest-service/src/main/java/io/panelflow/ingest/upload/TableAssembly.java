package io.panelflow.ingest.upload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the records of a file into a {@link RawTable}, with the checks every format shares:
 * <ul>
 *   <li>blank records (every field empty) are skipped wherever they are, keeping their row numbers;</li>
 *   <li>the first non-blank record is the header; an empty file, or one with a header and no data
 *       rows, is rejected;</li>
 *   <li>header names are trimmed; an empty name is rejected, except for trailing nameless columns
 *       with no value in any row (what spreadsheets leave behind), which are dropped;</li>
 *   <li>a repeated header name is rejected, naming both positions;</li>
 *   <li>a data row with fewer fields than the header is ragged and rejected (CSV), or padded with
 *       missing cells (XLSX, where empty trailing cells are simply absent); a row with more fields is
 *       rejected unless every extra field is empty (a trailing separator);</li>
 *   <li>cells are trimmed and missing-value tokens become null ({@link MissingValues}).</li>
 * </ul>
 * Ragged rows are collected (up to {@value UploadProblem#MAX_COLLECTED}) and reported together.
 */
final class TableAssembly {
    private TableAssembly() {
    }

    static RawTable assemble(String source, UploadFormat format, String sheet, List<PhysicalRecord> records,
                             boolean padShortRows) {
        List<PhysicalRecord> nonBlank = new ArrayList<>();
        for (PhysicalRecord r : records) {
            if (!r.blank()) {
                nonBlank.add(r);
            }
        }
        if (nonBlank.isEmpty()) {
            throw UploadProblem.of("Empty file", "the file" + describe(source) + " has no header and no data");
        }
        PhysicalRecord headerRecord = nonBlank.get(0);
        List<PhysicalRecord> data = nonBlank.subList(1, nonBlank.size());
        List<String> header = new ArrayList<>();
        for (String name : headerRecord.fields()) {
            header.add(name == null ? "" : name.strip());
        }
        dropTrailingNamelessColumns(header, data);
        checkHeaderNames(header, headerRecord.rowNumber());
        if (data.isEmpty()) {
            throw UploadProblem.of("No data rows", "the file" + describe(source)
                    + " has a header (" + header.size() + " columns) but no data rows");
        }
        ProblemCollector problems = new ProblemCollector();
        List<RawRow> rows = new ArrayList<>(data.size());
        for (PhysicalRecord r : data) {
            List<String> fields = r.fields();
            if (fields.size() < header.size() && !padShortRows || tooLong(fields, header.size())) {
                problems.add(ragged(r, header.size(), format));
                continue;
            }
            List<String> cells = new ArrayList<>(header.size());
            for (int c = 0; c < header.size(); c++) {
                cells.add(c < fields.size() ? MissingValues.normalize(fields.get(c)) : null);
            }
            rows.add(new RawRow(r.rowNumber(), cells));
        }
        problems.throwIfAny();
        return new RawTable(source, format, sheet, header, rows);
    }

    private static boolean tooLong(List<String> fields, int width) {
        for (int c = width; c < fields.size(); c++) {
            String f = fields.get(c);
            if (f != null && !f.isBlank()) {
                return true;
            }
        }
        return false;
    }

    private static UploadProblem ragged(PhysicalRecord r, int width, UploadFormat format) {
        int fields = r.fields().size();
        if (format == UploadFormat.XLSX || fields > width) {
            int last = lastNonBlank(r.fields());
            return UploadProblem.atCell("Ragged row", "row " + r.rowNumber() + " (row 1 is the header) has a value in column "
                    + (last + 1) + " but the header has only " + width + " columns", r.rowNumber(), null,
                    r.fields().get(last).strip());
        }
        return UploadProblem.atCell("Ragged row", "row " + r.rowNumber() + " (row 1 is the header) has " + fields
                + (fields == 1 ? " field" : " fields") + " but the header has " + width, r.rowNumber(), null,
                preview(r.fields()));
    }

    private static int lastNonBlank(List<String> fields) {
        for (int c = fields.size() - 1; c >= 0; c--) {
            if (fields.get(c) != null && !fields.get(c).isBlank()) {
                return c;
            }
        }
        return 0;
    }

    private static String preview(List<String> fields) {
        String joined = String.join(",", fields.stream().map(f -> f == null ? "" : f.strip()).toList());
        return joined.length() <= 120 ? joined : joined.substring(0, 117) + "...";
    }

    private static void dropTrailingNamelessColumns(List<String> header, List<PhysicalRecord> data) {
        while (!header.isEmpty() && header.get(header.size() - 1).isEmpty()) {
            int c = header.size() - 1;
            for (PhysicalRecord r : data) {
                if (c < r.fields().size() && r.fields().get(c) != null && !r.fields().get(c).isBlank()) {
                    return;
                }
            }
            header.remove(c);
        }
    }

    private static void checkHeaderNames(List<String> header, int headerRow) {
        ProblemCollector problems = new ProblemCollector();
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c);
            if (name.isEmpty()) {
                problems.add(UploadProblem.atCell("Empty column name", "column " + (c + 1)
                        + " of the header (row " + headerRow + ") has no name", headerRow, null, ""));
                continue;
            }
            Integer earlier = seen.putIfAbsent(name, c);
            if (earlier != null) {
                problems.add(UploadProblem.atCell("Duplicate column name", "the header (row " + headerRow
                        + ") names columns " + (earlier + 1) + " and " + (c + 1) + " both '" + name + "'",
                        headerRow, name, name));
            }
        }
        problems.throwIfAny();
    }

    private static String describe(String source) {
        return source == null || source.isBlank() ? "" : " '" + source + "'";
    }
}
