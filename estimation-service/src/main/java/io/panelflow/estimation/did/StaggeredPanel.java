package io.panelflow.estimation.did;

import io.panelflow.frame.PanelFrame;
import io.panelflow.frame.expr.Expression;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A staggered-adoption panel: for each row its unit, integer period, treatment cohort and outcome.
 *
 * <p>Cohort convention (R did and fixest {@code sunab}): the cohort of a unit is the first period in which
 * it is treated; a value ≤ 0 (did's {@code first.treat = 0}) or after the last period of the panel means
 * never treated in the sample, coded 0 here. A cohort in {@code (0, first period]} has no pre-treatment
 * period and is rejected. Rows with a missing unit, period, cohort or outcome are left out and counted
 * ({@link #droppedMissing()}).
 *
 * @param units          dense unit code of each row (0 .. U−1, in order of first appearance)
 * @param unitKeys       the key of each unit code
 * @param time           period of each row
 * @param cohort         cohort of each row (0 = never treated)
 * @param outcome        outcome of each row
 * @param outcomeName    the outcome column
 * @param droppedMissing rows of the source left out for a missing value
 * @param sourceRows     for each row, its row index in the source frame
 * @param covariates     {@code covariates[j][row]}: covariate j of each row (none when the panel has no covariates)
 * @param covariateNames the covariates' names (normalized expression text), same order
 */
public record StaggeredPanel(int[] units, String[] unitKeys, int[] time, int[] cohort, double[] outcome,
                             String outcomeName, int droppedMissing, int[] sourceRows, double[][] covariates,
                             List<String> covariateNames) {

    public StaggeredPanel {
        covariates = covariates == null ? new double[0][] : covariates;
        covariateNames = covariateNames == null ? List.of() : List.copyOf(covariateNames);
    }

    /**
     * Reads a panel frame: its unit and time columns, a numeric outcome and a numeric cohort column.
     *
     * @throws DidException for missing columns, a cohort that varies within a unit, a cohort without a
     *                      pre-treatment period, duplicate unit-periods or no rows
     */
    public static StaggeredPanel of(PanelFrame frame, String outcome, String cohortColumn) {
        return of(frame, outcome, cohortColumn, List.of());
    }

    /**
     * As {@link #of(PanelFrame, String, String)} with covariates: expressions of the formula language
     * ({@code log(pop)}, {@code gdp / pop}) evaluated on the frame; rows where one is missing or non-finite are
     * left out and counted with the others.
     */
    public static StaggeredPanel of(PanelFrame frame, String outcome, String cohortColumn, List<String> covariates) {
        List<String> names = new ArrayList<>();
        double[][] full = new double[covariates.size()][];
        for (int j = 0; j < covariates.size(); j++) {
            Expression e = Expression.parse(covariates.get(j));
            names.add(e.text());
            full[j] = e.evaluate(frame);
        }
        for (String c : new String[]{frame.unitColumn(), frame.timeColumn(), outcome, cohortColumn}) {
            if (c == null || !frame.has(c)) {
                throw new DidException("the panel has no column '" + c + "'");
            }
        }
        if (!frame.isNumeric(outcome) || !frame.isNumeric(cohortColumn) || !frame.isNumeric(frame.timeColumn())) {
            throw new DidException("outcome '" + outcome + "', cohort '" + cohortColumn + "' and time '"
                    + frame.timeColumn() + "' must be numeric");
        }
        String[] keys = frame.unitKeys();
        double[] t = frame.numeric(frame.timeColumn());
        double[] g = frame.numeric(cohortColumn);
        double[] y = frame.numeric(outcome);
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < frame.rows(); i++) {
            boolean ok = keys[i] != null && Double.isFinite(t[i]) && Double.isFinite(g[i]) && Double.isFinite(y[i]);
            for (int j = 0; ok && j < full.length; j++) {
                ok = Double.isFinite(full[j][i]);
            }
            if (ok) {
                rows.add(i);
            }
        }
        if (rows.isEmpty()) {
            throw new DidException("no row has a unit, period, cohort ('" + cohortColumn + "') and outcome ('"
                    + outcome + "')" + (names.isEmpty() ? "" : " and every covariate " + names));
        }
        int n = rows.size();
        int[] time = new int[n];
        double[] cohortRaw = new double[n];
        double[] yy = new double[n];
        String[] rowKeys = new String[n];
        int[] source = new int[n];
        double[][] cov = new double[full.length][n];
        for (int p = 0; p < n; p++) {
            int i = rows.get(p);
            source[p] = i;
            for (int j = 0; j < full.length; j++) {
                cov[j][p] = full[j][i];
            }
            if (t[i] != Math.rint(t[i])) {
                throw new DidException("period " + t[i] + " in row " + i + " is not a whole number");
            }
            time[p] = (int) t[i];
            cohortRaw[p] = g[i];
            yy[p] = y[i];
            rowKeys[p] = keys[i];
        }
        return build(rowKeys, time, cohortRaw, yy, outcome, frame.rows() - n, source, cov, names);
    }

    /**
     * Builds a panel from row arrays (no missing values allowed); cohorts follow the class convention.
     */
    public static StaggeredPanel of(String[] unitKeys, int[] time, double[] cohort, double[] outcome, String outcomeName) {
        int n = unitKeys.length;
        if (time.length != n || cohort.length != n || outcome.length != n) {
            throw new DidException("unit, period, cohort and outcome arrays differ in length");
        }
        for (int i = 0; i < n; i++) {
            if (unitKeys[i] == null || !Double.isFinite(cohort[i]) || !Double.isFinite(outcome[i])) {
                throw new DidException("row " + i + " has a missing unit, cohort or outcome");
            }
        }
        int[] src = new int[n];
        Arrays.setAll(src, i -> i);
        return build(unitKeys, time, cohort, outcome, outcomeName, 0, src, new double[0][], List.of());
    }

    private static StaggeredPanel build(String[] rowKeys, int[] time, double[] cohortRaw, double[] y,
                                        String outcomeName, int dropped, int[] source, double[][] covariates,
                                        List<String> covariateNames) {
        int n = time.length;
        int first = Arrays.stream(time).min().orElseThrow();
        int last = Arrays.stream(time).max().orElseThrow();
        Map<String, Integer> codes = new LinkedHashMap<>();
        int[] units = new int[n];
        for (int i = 0; i < n; i++) {
            units[i] = codes.computeIfAbsent(rowKeys[i], k -> codes.size());
        }
        double[] unitCohort = new double[codes.size()];
        Arrays.fill(unitCohort, Double.NaN);
        Map<Long, Integer> seen = new HashMap<>();
        int[] cohort = new int[n];
        for (int i = 0; i < n; i++) {
            int u = units[i];
            if (Double.isNaN(unitCohort[u])) {
                unitCohort[u] = cohortRaw[i];
            } else if (unitCohort[u] != cohortRaw[i]) {
                throw new DidException("the cohort of unit " + rowKeys[i] + " changes over time (" + unitCohort[u]
                        + " and " + cohortRaw[i] + ")");
            }
            Integer previous = seen.put(((long) u << 32) | (time[i] & 0xffffffffL), i);
            if (previous != null) {
                throw new DidException("unit " + rowKeys[i] + " has two rows for period " + time[i]);
            }
            double c = cohortRaw[i];
            if (c <= 0 || c > last) {
                cohort[i] = 0;
            } else {
                if (c != Math.rint(c)) {
                    throw new DidException("cohort " + c + " of unit " + rowKeys[i] + " is not a whole period");
                }
                if (c <= first) {
                    throw new DidException("cohort " + (int) c + " (unit " + rowKeys[i] + ") is treated from the first"
                            + " period " + first + " on and has no pre-treatment period");
                }
                cohort[i] = (int) c;
            }
        }
        return new StaggeredPanel(units, codes.keySet().toArray(String[]::new), time, cohort, y, outcomeName,
                dropped, source, covariates, covariateNames);
    }

    public int rows() {
        return time.length;
    }

    /** Whether every unit has a row in every period. */
    public boolean isBalanced() {
        return rows() == unitCount() * periods().length;
    }

    /**
     * Covariate j as a units × periods matrix ({@link #periods()} order).
     *
     * @throws DidException when a unit lacks a period
     */
    public double[][] balancedCovariate(int j) {
        return balanced(covariates[j], covariateNames.get(j));
    }

    public int unitCount() {
        return unitKeys.length;
    }

    /** The distinct periods, ascending. */
    public int[] periods() {
        return Arrays.stream(time).distinct().sorted().toArray();
    }

    /** The distinct treated cohorts (never-treated excluded), ascending. */
    public int[] cohorts() {
        return Arrays.stream(cohort).filter(c -> c > 0).distinct().sorted().toArray();
    }

    /** The cohort of each unit (0 = never treated). */
    public int[] unitCohorts() {
        int[] out = new int[unitCount()];
        for (int i = 0; i < units.length; i++) {
            out[units[i]] = cohort[i];
        }
        return out;
    }

    /** Relative period {@code time − cohort} of a treated row; meaningless for never-treated rows. */
    public int relativeTime(int row) {
        return time[row] - cohort[row];
    }

    /** Whether the row is treated: {@code cohort > 0 && time ≥ cohort}. */
    public boolean treated(int row) {
        return cohort[row] > 0 && time[row] >= cohort[row];
    }

    /**
     * The outcome as a units × periods matrix ({@link #periods()} order).
     *
     * @throws DidException when a unit lacks a period (the estimator needs a balanced panel)
     */
    public double[][] balancedOutcome() {
        return balanced(outcome, outcomeName);
    }

    private double[][] balanced(double[] values, String name) {
        int[] periods = periods();
        double[][] out = new double[unitCount()][periods.length];
        boolean[][] filled = new boolean[unitCount()][periods.length];
        for (int i = 0; i < rows(); i++) {
            int p = Arrays.binarySearch(periods, time[i]);
            out[units[i]][p] = values[i];
            filled[units[i]][p] = true;
        }
        for (int u = 0; u < filled.length; u++) {
            for (int p = 0; p < periods.length; p++) {
                if (!filled[u][p]) {
                    throw new DidException("the panel is unbalanced: unit " + unitKeys[u] + " has no observation in "
                            + "period " + periods[p] + " (a balanced panel is required)");
                }
            }
        }
        return out;
    }

    /** Dense period codes 0..T−1 of each row (ascending period order). */
    public int[] periodCodes() {
        int[] periods = periods();
        int[] out = new int[rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Arrays.binarySearch(periods, time[i]);
        }
        return out;
    }

    /** The distinct relative periods of treated cohorts' rows, ascending. */
    public int[] relativePeriods() {
        TreeSet<Integer> s = new TreeSet<>();
        for (int i = 0; i < rows(); i++) {
            if (cohort[i] > 0) {
                s.add(time[i] - cohort[i]);
            }
        }
        return s.stream().mapToInt(Integer::intValue).toArray();
    }
}
