package io.panelflow.estimation.bench;

import io.panelflow.estimation.engine.Design;
import io.panelflow.estimation.engine.EstimationOptions;
import io.panelflow.estimation.engine.Estimate;
import io.panelflow.estimation.engine.FixedEffectsRegression;
import io.panelflow.estimation.engine.VcovRequest;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Times {@link FixedEffectsRegression#fit} on a CSV: loads it (not timed), estimates once to warm up,
 * then five times (each fit from scratch: sample preparation, demeaning, variance), and prints one
 * JSON line {@code {"nobs", "seconds_median", "seconds", "coef", "se"}}.
 *
 * <p>Usage: {@code HdfeBenchmark FILE.csv "y ~ x1 + x2 | unit + year" CLUSTER}
 */
public final class HdfeBenchmark {
    private HdfeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: HdfeBenchmark FILE.csv \"y ~ x1 + x2 | fe1 + fe2\" [CLUSTER]");
            System.exit(2);
        }
        BenchmarkFormula f = BenchmarkFormula.parse(args[1]);
        Map<String, double[]> data = BenchmarkCsv.read(Path.of(args[0]));
        double[] y = column(data, f.dependent());
        double[][] x = new double[f.regressors().length][];
        for (int j = 0; j < x.length; j++) {
            x[j] = column(data, f.regressors()[j]);
        }
        int[][] fe = new int[f.fixedEffects().length][];
        for (int k = 0; k < fe.length; k++) {
            fe[k] = codes(column(data, f.fixedEffects()[k]));
        }
        VcovRequest vcov = VcovRequest.iid();
        if (args.length > 2 && !args[2].isBlank()) {
            int k = Arrays.asList(f.fixedEffects()).indexOf(args[2]);
            int[] cluster = k >= 0 ? fe[k] : codes(column(data, args[2]));
            vcov = VcovRequest.cluster(cluster, args[2]);
        }
        data.clear();
        Design d = Design.ols(y, f.dependent(), x, f.regressors(), fe, f.fixedEffects());
        Estimate e = FixedEffectsRegression.fit(d, vcov, EstimationOptions.DEFAULT);
        double[] seconds = new double[5];
        for (int r = 0; r < seconds.length; r++) {
            long t0 = System.nanoTime();
            e = FixedEffectsRegression.fit(d, vcov, EstimationOptions.DEFAULT);
            seconds[r] = (System.nanoTime() - t0) / 1e9;
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "{\"nobs\": %d, \"seconds_median\": %.4f, \"seconds\": %s, ",
                e.nobs(), sorted[sorted.length / 2], Arrays.toString(Arrays.stream(seconds)
                        .map(s -> Math.round(s * 1e4) / 1e4).toArray())));
        out.append("\"coef\": ").append(named(e.terms(), e.coefficients())).append(", ");
        out.append("\"se\": ").append(named(e.terms(), e.stdErrors())).append('}');
        System.out.println(out);
    }

    private static double[] column(Map<String, double[]> data, String name) {
        double[] v = data.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no column '" + name + "' in " + data.keySet());
        }
        return v;
    }

    private static int[] codes(double[] v) {
        int[] out = new int[v.length];
        Map<Double, Integer> ids = new HashMap<>();
        boolean small = true;
        for (double d : v) {
            if (d < 0 || d >= 50_000_000 || d != Math.rint(d)) {
                small = false;
                break;
            }
        }
        if (small) {
            int max = 0;
            for (double d : v) {
                max = Math.max(max, (int) d);
            }
            int[] map = new int[max + 1];
            Arrays.fill(map, -1);
            int next = 0;
            for (int i = 0; i < v.length; i++) {
                int key = (int) v[i];
                if (map[key] < 0) {
                    map[key] = next++;
                }
                out[i] = map[key];
            }
            return out;
        }
        for (int i = 0; i < v.length; i++) {
            out[i] = ids.computeIfAbsent(v[i], k -> ids.size());
        }
        return out;
    }

    private static String named(String[] terms, double[] values) {
        StringBuilder sb = new StringBuilder("{");
        for (int j = 0; j < terms.length; j++) {
            if (j > 0) {
                sb.append(", ");
            }
            sb.append('"').append(terms[j]).append("\": ").append(String.format(Locale.ROOT, "%.10g", values[j]));
        }
        return sb.append('}').toString();
    }
}
