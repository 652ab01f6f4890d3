package io.panelflow.estimation.bench;

import io.panelflow.estimation.engine.EstimationOptions;
import io.panelflow.estimation.engine.Estimate;
import io.panelflow.estimation.engine.FixedEffectsRegression;
import io.panelflow.estimation.formula.ModelFrame;
import io.panelflow.estimation.formula.ModelFrameBuilder;
import io.panelflow.frame.PanelFrame;
import io.panelflow.frame.formula.FixedEffectTerm;
import io.panelflow.frame.formula.Formula;
import io.panelflow.frame.read.CsvTable;
import io.panelflow.model.spec.VcovSpec;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times {@link FixedEffectsRegression#fit} on a CSV: reads it with the upload's reader ({@link CsvTable}: the same
 * tokenizer and number parser as ingest), builds the model with the estimation service's formula language
 * ({@link Formula}, {@link ModelFrameBuilder}: expressions, {@code i()}, {@code a^b} fixed effects), estimates once
 * to warm up, then five times (each fit from scratch: sample preparation, demeaning, variance), and prints one
 * JSON line {@code {"nobs", "seconds_median", "seconds", "coef", "se", "read_seconds", "build_seconds",
 * "peak_heap_mb", "max_heap_mb"}}: peak heap is the sum of the heap pools' peak usage over the whole run.
 *
 * <p>Usage: {@code HdfeBenchmark FILE.csv "y ~ x1 + x2 | unit + year + region^year" [CLUSTER]}; without CLUSTER
 * the variance is iid; CLUSTER may combine columns ({@code unit^year}).
 */
public final class HdfeBenchmark {
    private HdfeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: HdfeBenchmark FILE.csv \"y ~ x1 + x2 | fe1 + fe2\" [CLUSTER]");
            System.exit(2);
        }
        Formula formula = Formula.parse(args[1]);
        String cluster = args.length > 2 && !args[2].isBlank() ? args[2].strip() : null;
        long r0 = System.nanoTime();
        CsvTable table = CsvTable.read(Path.of(args[0]));
        PanelFrame panel = table.toFrame(null, null);
        double readSeconds = (System.nanoTime() - r0) / 1e9;

        long b0 = System.nanoTime();
        VcovSpec vcov = cluster == null ? new VcovSpec("iid", List.of(), null, null)
                : new VcovSpec("cluster", List.of(cluster), null, null);
        ModelFrame model = new ModelFrameBuilder(panel).build(formula, vcov);
        double buildSeconds = (System.nanoTime() - b0) / 1e9;
        table = null;
        panel = null;
        Estimate e = FixedEffectsRegression.fit(model.design(), model.vcov(), EstimationOptions.DEFAULT);
        double[] seconds = new double[5];
        for (int r = 0; r < seconds.length; r++) {
            long t0 = System.nanoTime();
            e = FixedEffectsRegression.fit(model.design(), model.vcov(), EstimationOptions.DEFAULT);
            seconds[r] = (System.nanoTime() - t0) / 1e9;
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "{\"nobs\": %d, \"seconds_median\": %.4f, \"seconds\": %s, ",
                e.nobs(), sorted[sorted.length / 2], Arrays.toString(Arrays.stream(seconds)
                        .map(s -> Math.round(s * 1e4) / 1e4).toArray())));
        out.append("\"coef\": ").append(named(e.terms(), e.coefficients())).append(", ");
        out.append("\"se\": ").append(named(e.terms(), e.stdErrors())).append(", ");
        out.append(String.format(Locale.ROOT, "\"fixed_effects\": %s, \"read_seconds\": %.3f, \"build_seconds\": %.3f, "
                        + "\"peak_heap_mb\": %d, \"max_heap_mb\": %d}",
                formula.fixedEffects().stream().map(FixedEffectTerm::text).map(t -> '"' + t + '"').toList(),
                readSeconds, buildSeconds, peakHeapBytes() >> 20, Runtime.getRuntime().maxMemory() >> 20));
        System.out.println(out);
    }

    /** The sum of the heap pools' peak usage since the start. */
    static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
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
