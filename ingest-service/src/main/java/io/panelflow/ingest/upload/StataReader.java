package io.panelflow.ingest.upload;

import io.panelflow.dta.DtaFormatException;
import io.panelflow.dta.DtaReader;
import io.panelflow.dta.DtaVariable;
import io.panelflow.frame.read.Fields;
import io.panelflow.frame.read.RecordSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a Stata dataset ({@code .dta}, formats 114 to 119: Stata 10 to 18; see {@link DtaReader}) into the records
 * every upload format hands to a {@link RecordSink}, so that the same assembly and validation as for CSV follow
 * ({@link TableAssembly}, then the panel validation):
 * <ul>
 *   <li>the header is the variable names; observation k is row k + 1 (row 1 is the header), as if the dataset had
 *       been exported to CSV;</li>
 *   <li>numbers are written as the XLSX reader writes them (whole numbers without a decimal part, others in Java's
 *       shortest round-trip form); a {@code float} as the decimal it displays (0.1, not 0.10000000149011612);</li>
 *   <li>missing values {@code .} and {@code .a} … {@code .z} are missing; so are strings that are a missing-value
 *       token in a CSV file ({@code ""}, {@code NA}, {@code .}, …);</li>
 *   <li>value labels: a numeric variable with a value-label set in which every non-missing value of the variable
 *       has a label is read as its labels (text: a province coded 1 … 31 with the provinces' names as labels gives
 *       the names, as Stata's {@code decode} would); a variable with any unlabelled value keeps its numbers (a
 *       partly labelled code stays a code, and a number is never silently replaced by text);</li>
 *   <li>dates ({@code %td}, {@code %d}, {@code %tc}, {@code %tC}): their calendar year, as the XLSX reader reads
 *       dates, since panelflow's panels are yearly; {@code %ty} years and other formats are kept as numbers;</li>
 *   <li>strings: UTF-8 (formats 118, 119) or Latin-1 (114, 115, 117).</li>
 * </ul>
 * The row, column, cell and cell-length limits are checked from the header before any observation is read.
 */
final class StataReader {
    private static final LocalDate STATA_EPOCH = LocalDate.of(1960, 1, 1);

    private StataReader() {
    }

    /** Hands the header and one record per observation to {@code sink} (a {@link TableAssembly}). */
    static void read(Path file, String fileName, UploadLimits limits, RecordSink sink) {
        try (DtaReader dta = DtaReader.open(file)) {
            List<DtaVariable> vars = dta.variables();
            if (vars.size() > limits.columns()) {
                throw limits.tooManyColumns(1, vars.size());
            }
            if (dta.observations() > limits.rows()) {
                throw limits.tooManyRows("the file" + named(fileName));
            }
            if (dta.observations() * vars.size() > limits.cells()) {
                throw limits.tooManyCells(dta.observations() * vars.size());
            }
            List<Object[]> rows = new ArrayList<>((int) dta.observations());
            dta.readRows((i, row) -> rows.add(row));
            boolean[] asLabels = new boolean[vars.size()];
            for (int j = 0; j < vars.size(); j++) {
                asLabels[j] = fullyLabelled(vars.get(j), dta.valueLabels(), rows, j);
            }
            Fields record = new Fields();
            record.set(vars.stream().map(DtaVariable::name).toList());
            sink.record(1, record);
            for (int i = 0; i < rows.size(); i++) {
                Object[] row = rows.get(i);
                List<String> cells = new ArrayList<>(row.length);
                for (int j = 0; j < row.length; j++) {
                    String cell = cell(vars.get(j), row[j], asLabels[j] ? dta.valueLabels().get(vars.get(j).valueLabelName()) : null);
                    if (cell != null && cell.length() > limits.maxCellChars()) {
                        throw limits.cellTooLong(i + 2, " (variable " + vars.get(j).name() + ")");
                    }
                    cells.add(cell == null ? "" : cell);   // an empty field, missing as in a CSV file
                }
                record.set(cells);
                sink.record(i + 2, record);
            }
        } catch (DtaFormatException e) {
            throw UploadProblem.of("Unreadable Stata file", "the file" + named(fileName)
                    + " looks like a Stata dataset (.dta) but cannot be read: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean fullyLabelled(DtaVariable v, Map<String, Map<Integer, String>> labels, List<Object[]> rows, int j) {
        if (v.type().isText() || !v.hasValueLabels() || !labels.containsKey(v.valueLabelName())) {
            return false;
        }
        Map<Integer, String> set = labels.get(v.valueLabelName());
        boolean any = false;
        for (Object[] row : rows) {
            if (row[j] instanceof Double d) {
                if (d != Math.rint(d) || !set.containsKey((int) (double) d)) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    private static String cell(DtaVariable v, Object value, Map<Integer, String> labels) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        double d = (Double) value;
        if (labels != null) {
            return labels.get((int) d);
        }
        String format = v.format() == null ? "" : v.format().replace("-", "");
        if (format.startsWith("%td") || format.startsWith("%d")) {
            return Integer.toString(STATA_EPOCH.plusDays((long) Math.floor(d)).getYear());
        }
        if (format.startsWith("%tc") || format.startsWith("%tC")) {
            return Integer.toString(STATA_EPOCH.atStartOfDay().plus(Duration.ofMillis((long) Math.floor(d))).getYear());
        }
        return XlsxReader.formatNumber(d);
    }

    private static String named(String fileName) {
        return fileName == null || fileName.isBlank() ? "" : " '" + fileName + "'";
    }
}
