package io.panelflow.ingest.validate;

import io.panelflow.frame.Column;
import io.panelflow.frame.PanelFrame;
import io.panelflow.ingest.upload.ProblemCollector;
import io.panelflow.ingest.upload.RawRow;
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
        List<RawRow> rows = table.rows();
        double[] times = new double[rows.size()];
        Map<String, Integer> firstRowOfKey = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            RawRow row = rows.get(i);
            String unit = row.cell(unitIdx);
            String time = row.cell(timeIdx);
            times[i] = Double.NaN;
            if (unit == null) {
                problems.add(UploadProblem.atCell("Missing unit", "row " + row.rowNumber() + ", column "
                        + panel.unit() + ": the unit is missing" + ROW_CONVENTION, row.rowNumber(), panel.unit(), null));
            }
            if (groupIdx >= 0 && row.cell(groupIdx) == null) {
                problems.add(UploadProblem.atCell("Missing group", "row " + row.rowNumber() + ", column "
                        + panel.group() + ": the group is missing" + ROW_CONVENTION, row.rowNumber(), panel.group(), null));
            }
            if (time == null) {
                problems.add(UploadProblem.atCell("Missing time", "row " + row.rowNumber() + ", column "
                        + panel.time() + ": the time is missing" + ROW_CONVENTION, row.rowNumber(), panel.time(), null));
            } else if (!NumberSyntax.isNumber(time)) {
                problems.add(UploadProblem.atCell("Invalid time", "row " + row.rowNumber() + ", column " + panel.time()
                        + ": '" + time + "' is not a number" + ROW_CONVENTION, row.rowNumber(), panel.time(), time));
            } else if (!NumberSyntax.isWholeNumber(NumberSyntax.parse(time))) {
                problems.add(UploadProblem.atCell("Invalid time", "row " + row.rowNumber() + ", column " + panel.time()
                        + ": '" + time + "' is not a whole number" + ROW_CONVENTION, row.rowNumber(), panel.time(), time));
            } else {
                times[i] = NumberSyntax.parse(time);
            }
            if (unit != null && !Double.isNaN(times[i])) {
                String key = unit + "\u0000" + (long) times[i];
                Integer earlier = firstRowOfKey.putIfAbsent(key, i);
                if (earlier != null) {
                    int first = rows.get(earlier).rowNumber();
                    problems.add(UploadProblem.atCell("Duplicate unit and time", "rows " + first + " and "
                            + row.rowNumber() + " both have " + panel.unit() + " '" + unit + "' and " + panel.time()
                            + " " + (long) times[i] + ROW_CONVENTION, row.rowNumber(), panel.unit(),
                            unit + ", " + (long) times[i]));
                }
            }
        }

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
            String[] cells = new String[rows.size()];
            double[] numbers = new double[rows.size()];
            int present = 0;
            int firstNonNumber = -1;
            int nonNumbers = 0;
            for (int i = 0; i < rows.size(); i++) {
                cells[i] = rows.get(i).cell(c);
                numbers[i] = Double.NaN;
                if (cells[i] != null) {
                    present++;
                    if (nonNumbers == 0 && NumberSyntax.isNumber(cells[i])) {
                        numbers[i] = NumberSyntax.parse(cells[i]);
                    } else if (!NumberSyntax.isNumber(cells[i])) {
                        nonNumbers++;
                        if (firstNonNumber < 0) {
                            firstNonNumber = i;
                        }
                    }
                }
            }
            ColumnUse use = anyUse.get(name);
            if (use != null && present == 0) {
                problems.add(UploadProblem.inColumn("Empty column", "column " + name + " is used by the spec's "
                        + use.usedBy() + " but has no values (every cell is empty or a missing-value token)", name));
            }
            ColumnUse asNumber = numericUse.get(name);
            if (asNumber != null && nonNumbers > 0) {
                RawRow bad = rows.get(firstNonNumber);
                String value = cells[firstNonNumber];
                String others = nonNumbers == 1 ? "" : "; " + (nonNumbers - 1) + " more cells of this column are not numbers";
                problems.add(UploadProblem.atCell("Text in a numeric column", "row " + bad.rowNumber() + ", column "
                        + name + ": '" + value + "' is not a number" + NumberSyntax.hint(value) + "; the spec's "
                        + asNumber.usedBy() + " uses it as a number" + others + ROW_CONVENTION, bad.rowNumber(), name, value));
            }
            if (textColumns.contains(name) || nonNumbers > 0) {
                typed.put(name, new Column.Text(cells));
            } else {
                typed.put(name, new Column.Numeric(numbers));
            }
        }
        problems.throwIfAny();

        PanelFrame unsorted = new PanelFrame(panel.unit(), panel.time(), panel.group(), typed);
        int[] order = sortOrder(unsorted.text(panel.unit()), times);
        int[] sourceRows = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            sourceRows[i] = rows.get(order[i]).rowNumber();
        }
        return new ValidatedPanel(unsorted.select(order), sourceRows, columns);
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

    private static int[] sortOrder(String[] units, double[] times) {
        boolean numericUnits = true;
        for (String u : units) {
            if (!NumberSyntax.isNumber(u)) {
                numericUnits = false;
                break;
            }
        }
        Comparator<Integer> byUnit;
        if (numericUnits) {
            double[] keys = new double[units.length];
            for (int i = 0; i < units.length; i++) {
                keys[i] = NumberSyntax.parse(units[i]);
            }
            byUnit = Comparator.comparingDouble(i -> keys[i]);
        } else {
            byUnit = Comparator.comparing(i -> units[i]);
        }
        List<Integer> idx = new ArrayList<>(units.length);
        for (int i = 0; i < units.length; i++) {
            idx.add(i);
        }
        idx.sort(byUnit.thenComparingDouble(i -> times[i]));
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }
}
