package io.panelflow.ingest.validate;

import io.panelflow.frame.Column;
import io.panelflow.frame.PanelFrame;
import io.panelflow.frame.read.ColumnBuffer;
import io.panelflow.ingest.upload.ProblemCollector;
import io.panelflow.ingest.upload.RawTable;
import io.panelflow.ingest.upload.UploadProblem;
import io.panelflow.model.spec.PanelSpec;
import io.panelflow.model.text.NearestName;
import io.panelflow.model.spec.StudySpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an uploaded table against its study spec and types it into a {@link PanelFrame}.
 *
 * <p>Checks, in this order:
 * <ol>
 *   <li><b>Columns</b>: every column the spec uses ({@link SpecColumns}) is in the header. All missing
 *       columns are reported together, and nothing further is checked.</li>
 *   <li><b>Rows</b>, in file order: the unit, time and (city data) group cells are not missing; time values are whole
 *       numbers ("row 17, column year: '2015.5' is not a whole number"); no unit-time pair repeats
 *       (naming both rows).</li>
 *   <li><b>Used columns</b>: a column the spec uses as a number holds only numbers (the first
 *       offending row and value, with how many other cells are not numbers); a used column is not
 *       entirely missing.</li>
 * </ol>
 * Problems of steps 2 and 3 are collected (up to {@value UploadProblem#MAX_COLLECTED}) and thrown
 * together: the first described, the others counted (see {@link UploadProblem}).
 *
 * <p><b>Typing</b>: the unit, group and attribute columns are text (numbers kept as written); the time
 * column is numeric; every other column is numeric when each non-missing cell is a number
 * ({@link NumberSyntax}), else text. <b>Order</b>: rows sorted by unit, then time; units compare as
 * numbers when every unit is a number, else as text (by Unicode code point).
 */
public final class PanelValidator {
    private PanelValidator() {
    }

    public static ValidatedPanel validate(RawTable table, StudySpec spec) {
        SpecColumns columns = SpecColumns.of(spec);
        checkColumnsPresent(table, columns);

        PanelSpec panel = spec.panel();
        int unitIdx = table.columnIndex(panel.unit());
        int timeIdx = table.columnIndex(panel.time());
        int groupIdx = panel.group() == null ? -1 : table.columnIndex(panel.group());
        ProblemCollector problems = new ProblemCollector();
        int n = table.rowCount();
        int[] rowNumbers = table.rowNumbers();
        String[] units = texts(table.column(unitIdx));
        String[] groups = groupIdx < 0 ? null : texts(table.column(groupIdx));
        ColumnBuffer timeColumn = table.column(timeIdx);
        double[] times = new double[n];
        for (int i = 0; i < n; i++) {
            int row = rowNumbers[i];
            times[i] = Double.NaN;
            if (units[i] == null) {
                problems.add(UploadProblem.atCell("Missing unit", "row " + row + ", column "
                        + panel.unit() + ": the unit is missing" + ROW_CONVENTION, row, panel.unit(), null));
            }
            if (groups != null && groups[i] == null) {
                problems.add(UploadProblem.atCell("Missing group", "row " + row + ", column "
                        + panel.group() + ": the group is missing" + ROW_CONVENTION, row, panel.group(), null));
            }
            double t = timeColumn.isText() ? Double.NaN : timeColumn.numbers()[i];
            String time = timeColumn.isText() ? timeColumn.texts()[i] : null;
            if (time == null && Double.isNaN(t)) {
                problems.add(UploadProblem.atCell("Missing time", "row " + row + ", column "
                        + panel.time() + ": the time is missing" + ROW_CONVENTION, row, panel.time(), null));
                continue;
            }
            if (time != null) {
                t = NumberSyntax.parse(time);
                if (Double.isNaN(t)) {
                    problems.add(UploadProblem.atCell("Invalid time", "row " + row + ", column " + panel.time()
                            + ": '" + time + "' is not a number" + ROW_CONVENTION, row, panel.time(), time));
                    continue;
                }
            }
            if (!NumberSyntax.isWholeNumber(t)) {
                String written = time != null ? time : timeColumn.textAt(i);
                problems.add(UploadProblem.atCell("Invalid time", "row " + row + ", column " + panel.time()
                        + ": '" + written + "' is not a whole number" + ROW_CONVENTION, row, panel.time(), written));
            } else {
                times[i] = t;
            }
        }
        int[] order = sortOrder(units, times);
        checkDuplicates(order, units, times, rowNumbers, panel, problems);

        Set<String> textColumns = new HashSet<>();
        textColumns.add(panel.unit());
        if (panel.group() != null) {
            textColumns.add(panel.group());
        }
        textColumns.addAll(panel.attributes());
        Map<String, ColumnUse> numericUse = columns.firstNumericUse();
        Map<String, ColumnUse> anyUse = columns.firstUse();
        Map<String, Column> typed = new LinkedHashMap<>();
        for (int c = 0; c < table.header().size(); c++) {
            String name = table.header().get(c);
            if (c == timeIdx) {
                typed.put(name, new Column.Numeric(times));
                continue;
            }
            ColumnBuffer buffer = table.column(c);
            ColumnUse use = anyUse.get(name);
            if (use != null && buffer.present() == 0) {
                problems.add(UploadProblem.inColumn("Empty column", "column " + name + " is used by the spec's "
                        + use.usedBy() + " but has no values (every cell is empty or a missing-value token)", name));
            }
            if (!buffer.isText()) {
                typed.put(name, textColumns.contains(name) ? new Column.Text(texts(buffer)) : new Column.Numeric(buffer.numbers()));
                continue;
            }
            String[] cells = buffer.texts();
            double[] numbers = new double[n];
            int firstNonNumber = -1;
            int nonNumbers = 0;
            for (int i = 0; i < n; i++) {
                numbers[i] = Double.NaN;
                if (cells[i] != null) {
                    double v = NumberSyntax.parse(cells[i]);
                    if (Double.isNaN(v)) {
                        nonNumbers++;
                        if (firstNonNumber < 0) {
                            firstNonNumber = i;
                        }
                    } else {
                        numbers[i] = v;
                    }
                }
            }
            ColumnUse asNumber = numericUse.get(name);
            if (asNumber != null && nonNumbers > 0) {
                int bad = rowNumbers[firstNonNumber];
                String value = cells[firstNonNumber];
                String others = nonNumbers == 1 ? "" : "; " + (nonNumbers - 1) + " more cells of this column are not numbers";
                problems.add(UploadProblem.atCell("Text in a numeric column", "row " + bad + ", column "
                        + name + ": '" + value + "' is not a number" + NumberSyntax.hint(value) + "; the spec's "
                        + asNumber.usedBy() + " uses it as a number" + others + ROW_CONVENTION, bad, name, value));
            }
            if (textColumns.contains(name) || nonNumbers > 0) {
                typed.put(name, new Column.Text(cells));
            } else {
                typed.put(name, new Column.Numeric(numbers));
            }
        }
        problems.throwIfAny();

        PanelFrame unsorted = new PanelFrame(panel.unit(), panel.time(), panel.group(), typed);
        int[] sourceRows = new int[order.length];
        boolean identity = true;
        for (int i = 0; i < order.length; i++) {
            sourceRows[i] = rowNumbers[order[i]];
            identity &= order[i] == i;
        }
        return new ValidatedPanel(identity ? unsorted : unsorted.select(order), sourceRows, columns);
    }

    /** A column's cells as text (numbers of a numeric column written back as whole numbers where whole). */
    private static String[] texts(ColumnBuffer column) {
        if (column.isText()) {
            return column.texts();
        }
        String[] out = new String[column.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = column.textAt(i);
        }
        return out;
    }

    /**
     * No unit-time pair repeats: in the sorted order (stable, so equal pairs keep file order) a repeat follows its
     * first occurrence directly; each repeat is reported with the first occurrence's row.
     */
    private static void checkDuplicates(int[] order, String[] units, double[] times, int[] rowNumbers, PanelSpec panel,
                                        ProblemCollector problems) {
        List<int[]> repeats = new ArrayList<>();
        int first = -1;
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            if (units[i] == null || Double.isNaN(times[i])) {
                first = -1;
                continue;
            }
            if (first >= 0 && times[first] == times[i] && units[first].equals(units[i])) {
                repeats.add(new int[]{first, i});
            } else {
                first = i;
            }
        }
        repeats.sort(Comparator.comparingInt(r -> r[1]));
        for (int[] r : repeats) {
            int i = r[1];
            problems.add(UploadProblem.atCell("Duplicate unit and time", "rows " + rowNumbers[r[0]] + " and "
                    + rowNumbers[i] + " both have " + panel.unit() + " '" + units[i] + "' and " + panel.time()
                    + " " + (long) times[i] + ROW_CONVENTION, rowNumbers[i], panel.unit(), units[i] + ", " + (long) times[i]));
        }
    }

    /** Appended to row messages so the numbering is never in doubt. */
    static final String ROW_CONVENTION = " (row 1 is the header)";

    private static void checkColumnsPresent(RawTable table, SpecColumns columns) {
        ProblemCollector problems = new ProblemCollector();
        Set<String> reported = new HashSet<>();
        for (ColumnUse use : columns.uses()) {
            if (!table.hasColumn(use.column()) && reported.add(use.column())) {
                problems.add(UploadProblem.inColumn("Missing column", "the spec's " + use.usedBy() + " uses column '"
                        + use.column() + "', which is not in the file" + NearestName.suggestion(use.column(), table.header())
                        + " (its columns are " + listed(table.header()) + ")", use.column()));
            }
        }
        problems.throwIfAny();
    }

    private static String listed(List<String> header) {
        if (header.size() <= 30) {
            return String.join(", ", header);
        }
        return String.join(", ", header.subList(0, 30)) + ", … (" + header.size() + " in all)";
    }

    /**
     * Rows by unit, then time; units compare as numbers when every unit is a number, else as text (by Unicode code
     * point); stable, so equal pairs keep file order. Rows without a unit or a valid time go last (the upload is
     * refused then anyway). Each distinct unit is ranked once; a panel already in order (the usual file) costs one
     * pass, others one sort of primitive keys.
     */
    private static int[] sortOrder(String[] units, double[] times) {
        int n = units.length;
        Map<String, Integer> rankOf = new HashMap<>();
        for (String u : units) {
            if (u != null) {
                rankOf.putIfAbsent(u, 0);
            }
        }
        List<String> distinct = new ArrayList<>(rankOf.keySet());
        boolean numericUnits = true;
        for (String u : distinct) {
            if (!NumberSyntax.isNumber(u)) {
                numericUnits = false;
                break;
            }
        }
        if (numericUnits) {
            Map<String, Double> value = new HashMap<>();
            for (String u : distinct) {
                value.put(u, NumberSyntax.parse(u));
            }
            distinct.sort(Comparator.comparingDouble((String u) -> value.get(u)).thenComparing(Comparator.naturalOrder()));
        } else {
            distinct.sort(Comparator.naturalOrder());
        }
        for (int r = 0; r < distinct.size(); r++) {
            rankOf.put(distinct.get(r), r);
        }
        long minTime = Long.MAX_VALUE;
        long maxTime = Long.MIN_VALUE;
        for (double t : times) {
            if (!Double.isNaN(t)) {
                minTime = Math.min(minTime, (long) t);
                maxTime = Math.max(maxTime, (long) t);
            }
        }
        long span = minTime > maxTime ? 1 : maxTime - minTime + 2;
        long[] keys = new long[n];
        boolean sorted = true;
        for (int i = 0; i < n; i++) {
            long unit = units[i] == null ? distinct.size() : rankOf.get(units[i]);
            long time = Double.isNaN(times[i]) ? span - 1 : (long) times[i] - minTime;
            keys[i] = unit * span + time;
            sorted &= i == 0 || keys[i] >= keys[i - 1];
        }
        int[] order = new int[n];
        if (sorted) {
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            return order;
        }
        double bound = (double) (distinct.size() + 1) * span * n;
        if (bound < Long.MAX_VALUE / 2.0) {
            long[] packed = new long[n];
            for (int i = 0; i < n; i++) {
                packed[i] = keys[i] * n + i;
            }
            java.util.Arrays.sort(packed);
            for (int i = 0; i < n; i++) {
                order[i] = (int) (packed[i] % n);
            }
            return order;
        }
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, Comparator.comparingLong((Integer i) -> keys[i]));
        for (int i = 0; i < n; i++) {
            order[i] = idx[i];
        }
        return order;
    }
}
