package io.panelflow.estimation.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark reads a standard CSV (exponents, signs, missing values) through the upload's reader and takes the
 * formula language: on a panel built as y = 2 x − 0.5 z + unit + year + region×year effects, written with
 * exponents, it recovers the coefficients exactly.
 */
class HdfeBenchmarkTest {

    @Test
    void exponentsAndCombinedFixedEffects(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("unit,year,region,y,x,z\n");
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        for (int u = 1; u <= 60; u++) {
            int region = u % 4;
            for (int t = 2000; t < 2008; t++) {
                double x = rng.nextDouble() * 1e-4;
                double z = rng.nextDouble() * 3e3;
                double y = 2 * x - 0.5 * z + 0.1 * u + 0.01 * t + 0.3 * region * (t - 2000);
                csv.append(u).append(',').append(t).append(',').append(region).append(',')
                        .append(String.format(Locale.ROOT, "%.17e", y)).append(',')
                        .append(String.format(Locale.ROOT, "%.17e", x)).append(',')
                        .append(String.format(Locale.ROOT, "%.17E", z)).append('\n');
            }
        }
        csv.append("61,2000,1,NA,1e-5,2.5E+03\n");
        Path file = dir.resolve("panel.csv");
        Files.writeString(file, csv);
        String line = run(file.toString(), "y ~ x + z | unit + year + region^year", "unit");
        assertTrue(line.contains("\"nobs\": 480"), line);
        assertEquals(2.0, value(line, "x"), 1e-6);
        assertEquals(-0.5, value(line, "z"), 1e-9);
        assertTrue(line.contains("\"fixed_effects\": [\"unit\", \"year\", \"region^year\"]"), line);
        assertTrue(line.matches(".*\"peak_heap_mb\": \\d+.*"), line);
    }

    private static double value(String line, String term) {
        Matcher m = Pattern.compile("\"coef\": \\{[^}]*\"" + term + "\": ([-0-9.eE+]+)").matcher(line);
        assertTrue(m.find(), line);
        return Double.parseDouble(m.group(1));
    }

    private static String run(String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            HdfeBenchmark.main(args);
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8).strip();
    }
}
