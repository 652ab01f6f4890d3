package io.panelflow.ingest.clean;

import io.panelflow.frame.PanelFrame;
import io.panelflow.frame.expr.Expression;
import io.panelflow.frame.expr.ExpressionException;
import io.panelflow.ingest.upload.UploadProblem;
import io.panelflow.ingest.validate.ValidatedPanel;
import io.panelflow.model.result.ColumnQuality;
import io.panelflow.model.result.DataQualityReport;
import io.panelflow.model.result.DescriptiveStatistic;
import io.panelflow.model.spec.CleaningSpec;
import io.panelflow.model.spec.DerivedColumnSpec;
import io.panelflow.model.spec.StudySpec;
import io.panelflow.model.spec.WinsorizeSpec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cleans a validated panel as the spec's {@code cleaning} and {@code derive} say, in this order:
 * <ol>
 *   <li><b>Fill</b> missing values of the data columns to clean ({@link GapFilling}, within each unit
 *       over time): the data columns of {@code cleaning.columns}, or when that list is empty every
 *       numeric data column the spec uses (the time column excepted).</li>
 *   <li><b>Derive</b> the {@code derive} columns in spec order, each from the filled data and the derived
 *       columns before it ({@link Expression#evaluate(PanelFrame)}: missing where an input is missing or
 *       the result is not finite). A derived name that is already a data column is a problem.</li>
 *   <li><b>Fill</b> derived columns named in {@code cleaning.columns}.</li>
 *   <li><b>Winsorize</b> {@code cleaning.winsorize.columns}, or when that list is empty every numeric
 *       column the spec uses and every derived column ({@link Winsorizing}).</li>
 *   <li><b>Report</b>: the shape ({@link PanelShape}), per column the missing values before and after,
 *       filled and winsorized counts ({@link ColumnQuality}), descriptive statistics of every used
 *       numeric and derived column ({@link DescriptiveStatistics}; of every numeric column but time when
 *       the spec uses none), and plain-language notes.</li>
 * </ol>
 * Rows are never added or removed: absent unit-years are reported as gaps of the panel, not created.
 */
public final class PanelCleaner {
    private PanelCleaner() {
    }

    public static CleanedPanel clean(ValidatedPanel validated, StudySpec spec) {
        return new Run(validated, spec).run();
    }

    private static final class Run {
        private final StudySpec spec;
        private final CleaningSpec cleaning;
        private final MissingValueMethod method;
        private final Set<String> usedNumeric;
        private PanelFrame frame;
        private final Map<String, int[]> quality = new LinkedHashMap<>(); // missingBefore, filled, low, high
        private final List<String> notes = new ArrayList<>();

        Run(ValidatedPanel validated, StudySpec spec) {
            this.spec = spec;
            this.cleaning = spec.cleaning();
            this.method = MissingValueMethod.fromSpec(cleaning.missing());
            this.frame = validated.frame();
            this.usedNumeric = new LinkedHashSet<>(validated.columns().numericColumns());
            this.usedNumeric.remove(frame.timeColumn());
        }

        CleanedPanel run() {
            PanelShape shape = PanelShape.of(frame);
            notes.add(shapeNote(shape));
            Set<String> derivedNames = new LinkedHashSet<>();
            spec.derive().forEach(d -> derivedNames.add(d.name()));

            List<String> dataToFill = new ArrayList<>();
            List<String> derivedToFill = new ArrayList<>();
            if (cleaning.columns().isEmpty()) {
                usedNumeric.stream().filter(c -> !derivedNames.contains(c)).forEach(dataToFill::add);
            } else {
                for (String c : cleaning.columns()) {
                    (derivedNames.contains(c) ? derivedToFill : dataToFill).add(c);
                }
            }
            dataToFill.forEach(this::fill);
            spec.derive().forEach(this::derive);
            derivedToFill.forEach(this::fill);
            winsorize(derivedNames);

            List<String> described = new ArrayList<>(usedNumeric);
            derivedNames.stream().filter(d -> !described.contains(d)).forEach(described::add);
            if (described.isEmpty()) {
                frame.columnNames().stream().filter(c -> frame.isNumeric(c) && !c.equals(frame.timeColumn()))
                        .forEach(described::add);
            }
            List<DescriptiveStatistic> descriptives = new ArrayList<>();
            for (String c : described) {
                if (frame.has(c) && frame.isNumeric(c)) {
                    descriptives.add(DescriptiveStatistics.of(c, frame.numeric(c)));
                }
            }
            List<ColumnQuality> columns = new ArrayList<>();
            for (String c : described) {
                if (frame.has(c) && frame.isNumeric(c)) {
                    int[] q = quality(c);
                    columns.add(new ColumnQuality(c, q[0], q[1], missing(frame.numeric(c)), q[2], q[3]));
                }
            }
            DataQualityReport report = new DataQualityReport(shape.rows(), shape.units(), shape.periods(),
                    Integer.toString(shape.firstPeriod()), Integer.toString(shape.lastPeriod()), shape.balanced(),
                    shape.gaps(), columns, descriptives, notes);
            return new CleanedPanel(frame, report);
        }

        private int[] quality(String column) {
            return quality.computeIfAbsent(column, c -> new int[]{missing(frame.numeric(c)), 0, 0, 0});
        }

        private void fill(String column) {
            if (!frame.has(column) || !frame.isNumeric(column)) {
                return;
            }
            double[] values = frame.numeric(column).clone();
            int[] q = quality(column);
            if (q[0] == 0) {
                return;
            }
            FillCount count = FillCount.ZERO;
            String[] units = frame.unitKeys();
            double[] times = frame.numeric(frame.timeColumn());
            int start = 0;
            while (start < values.length) {
                int end = start + 1;
                while (end < values.length && units[end].equals(units[start])) {
                    end++;
                }
                double[] t = java.util.Arrays.copyOfRange(times, start, end);
                double[] y = java.util.Arrays.copyOfRange(values, start, end);
                count = count.plus(GapFilling.fill(t, y, method, cleaning.extrapolate()));
                System.arraycopy(y, 0, values, start, y.length);
                start = end;
            }
            frame = frame.withNumeric(column, values);
            q[1] += count.filled();
            fillNotes(column, count);
        }

        private void fillNotes(String column, FillCount count) {
            if (method == MissingValueMethod.NONE) {
                notes.add(count.left() + plural(count.left(), " missing value") + " in " + column
                        + " left missing (cleaning.missing is none)");
                return;
            }
            if (count.interiorFilled() > 0) {
                notes.add(count.interiorFilled() + plural(count.interiorFilled(), " interior gap") + " in " + column
                        + " filled by " + method.description());
            }
            if (count.linearFallback() > 0) {
                notes.add("of these, " + count.linearFallback() + " filled by linear interpolation instead, "
                        + "a bracketing value not being positive");
            }
            if (count.edgeFilled() > 0) {
                notes.add(count.edgeFilled() + plural(count.edgeFilled(), " leading or trailing gap") + " in " + column
                        + " extrapolated by " + method.description());
            }
            if (count.left() > 0) {
                notes.add(count.left() + plural(count.left(), " missing value") + " in " + column + " left missing ("
                        + (cleaning.extrapolate() ? "units with too few observations to extrapolate from"
                        : "leading or trailing; extrapolate is off") + ")");
            }
        }

        private void derive(DerivedColumnSpec d) {
            if (frame.has(d.name())) {
                throw UploadProblem.inColumn("Derived column exists", "derived column '" + d.name()
                        + "' is already a column of the file; rename the derived column or the data column", d.name());
            }
            double[] values;
            try {
                values = Expression.parse(d.expr()).evaluate(frame);
            } catch (ExpressionException e) {
                throw new UploadProblem("Invalid derived column", "derived column '" + d.name() + "' = " + d.expr()
                        + " cannot be computed: " + e.getMessage(), null, d.name(), e.token());
            }
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    values[i] = Double.NaN;
                }
            }
            frame = frame.withNumeric(d.name(), values);
            int missing = missing(values);
            String note = "derived " + d.name() + " = " + d.expr();
            notes.add(missing == 0 ? note : note + " (" + missing + plural(missing, " row") + " missing: an input "
                    + "missing or the result undefined)");
        }

        private void winsorize(Set<String> derivedNames) {
            WinsorizeSpec w = cleaning.winsorize();
            if (w == null) {
                return;
            }
            Set<String> columns = new LinkedHashSet<>(w.columns());
            if (columns.isEmpty()) {
                columns.addAll(usedNumeric);
                columns.addAll(derivedNames);
            }
            double[] times = frame.numeric(frame.timeColumn());
            for (String c : columns) {
                if (!frame.has(c) || !frame.isNumeric(c)) {
                    continue;
                }
                double[] values = frame.numeric(c).clone();
                int[] q = quality(c);
                Winsorizing.Count count = w.byTime() ? Winsorizing.byTime(values, times, w.lower(), w.upper())
                        : Winsorizing.pooled(values, w.lower(), w.upper());
                frame = frame.withNumeric(c, values);
                q[2] += count.low();
                q[3] += count.high();
                notes.add(c + " winsorized at the " + percent(w.lower()) + " and " + percent(w.upper())
                        + " quantiles (type 7, " + (w.byTime() ? "within each " + frame.timeColumn() : "pooled") + "): "
                        + count.low() + plural(count.low(), " value") + " raised, " + count.high()
                        + plural(count.high(), " value") + " lowered");
            }
        }

        private String shapeNote(PanelShape s) {
            String head = s.rows() + " rows: " + s.units() + plural(s.units(), " unit") + " (" + frame.unitColumn()
                    + ") × " + s.periods() + plural(s.periods(), " period") + " (" + frame.timeColumn() + " "
                    + s.firstPeriod() + "–" + s.lastPeriod() + ")";
            return s.balanced() ? head + "; balanced"
                    : head + "; unbalanced: " + s.gaps() + plural(s.gaps(), " unit-period") + " absent (not filled: "
                    + "cleaning never adds rows)";
        }
    }

    static int missing(double[] values) {
        int n = 0;
        for (double v : values) {
            if (Double.isNaN(v)) {
                n++;
            }
        }
        return n;
    }

    static String plural(int n, String word) {
        return n == 1 ? word : word + "s";
    }

    /** 0.01 → "1%", 0.025 → "2.5%". */
    static String percent(double p) {
        return BigDecimal.valueOf(p).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}
