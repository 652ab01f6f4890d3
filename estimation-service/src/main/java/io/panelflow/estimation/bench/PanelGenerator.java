package io.panelflow.estimation.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Deterministic benchmark panel: UNITS × YEARS rows with columns unit, year, industry (≈100 levels,
 * fixed per unit), x1..x5 and
 * {@code y = 0.5 x1 − 0.3 x2 + 0.2 x3 + 0.1 x4 − 0.05 x5 + a_unit + g_year + h_industry + ε},
 * regressors correlated with the unit effect, standard-normal draws from a fixed seed.
 *
 * <p>Usage: {@code PanelGenerator OUT.csv UNITS YEARS [fixed|exponent]}: {@code fixed} (the default) writes six
 * decimals ({@code 0.012345}), {@code exponent} writes ten significant digits in exponent notation
 * ({@code 1.346644434e-05}), as R and Stata write doubles.
 */
public final class PanelGenerator {
    private PanelGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int units = Integer.parseInt(args[1]);
        int years = Integer.parseInt(args[2]);
        boolean exponent = args.length > 3 && args[3].equals("exponent");
        SplittableRandom rng = new SplittableRandom(20240611L);
        double[] yearEffect = new double[years];
        for (int t = 0; t < years; t++) {
            yearEffect[t] = 0.1 * t + 0.2 * rng.nextDouble();
        }
        double[] industryEffect = new double[100];
        for (int h = 0; h < industryEffect.length; h++) {
            industryEffect[h] = rng.nextDouble() - 0.5;
        }
        double[] beta = {0.5, -0.3, 0.2, 0.1, -0.05};
        StringBuilder line = new StringBuilder(128);
        try (BufferedWriter w = new BufferedWriter(new java.io.OutputStreamWriter(Files.newOutputStream(out), java.nio.charset.StandardCharsets.US_ASCII), 1 << 20)) {
            w.write("unit,year,industry,y,x1,x2,x3,x4,x5\n");
            for (int u = 0; u < units; u++) {
                double unitEffect = gaussian(rng);
                for (int t = 0; t < years; t++) {
                    int industry = (int) ((u * 2654435761L + t * 40503L) % 100);
                    double y = unitEffect + yearEffect[t] + industryEffect[industry] + gaussian(rng);
                    line.setLength(0);
                    line.append(u + 1).append(',').append(2000 + t).append(',').append(industry + 1);
                    double[] x = new double[5];
                    for (int j = 0; j < 5; j++) {
                        x[j] = gaussian(rng) + 0.3 * unitEffect + 0.1 * j * yearEffect[t];
                        y += beta[j] * x[j];
                    }
                    line.append(',').append(exponent ? exponent(y) : fixed(y));
                    for (double v : x) {
                        line.append(',').append(exponent ? exponent(v) : fixed(v));
                    }
                    line.append('\n');
                    w.append(line);
                }
            }
        }
    }

    private static String fixed(double v) {
        return String.format(java.util.Locale.ROOT, "%.6f", v);
    }

    private static String exponent(double v) {
        return String.format(java.util.Locale.ROOT, "%.9e", v);
    }

    private static double gaussian(SplittableRandom rng) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
