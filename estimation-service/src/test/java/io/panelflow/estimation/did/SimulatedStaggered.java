package io.panelflow.estimation.did;

import io.panelflow.frame.Column;
import io.panelflow.frame.PanelFrame;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Test helper: a simulated staggered-adoption panel with a known effect.
 *
 * <p>Units 0..N−1 over 2001..2000+T. Each unit has a binary covariate x (time-invariant) and a continuous one z
 * (time-varying, noise). Cohorts 2004, 2006, 2008 or never (0), with adoption more likely when x = 1, so that
 * the x-specific trend {@code trend·x·t} breaks unconditional parallel trends and conditional ones hold:
 * <pre>  y_it = α_i + 0.1 t + trend·x_i·t + effect·1{t ≥ g_i} + 0.2 z_it + σ ε_it</pre>
 */
final class SimulatedStaggered {
    static final int[] COHORTS = {2004, 2006, 2008, 0};

    private SimulatedStaggered() {
    }

    static PanelFrame panel(int units, int years, double effect, double trend, double sigma, long seed) {
        Random rnd = new Random(seed);
        int n = units * years;
        String[] unit = new String[n];
        double[] year = new double[n];
        double[] adopt = new double[n];
        double[] x = new double[n];
        double[] z = new double[n];
        double[] y = new double[n];
        for (int u = 0, i = 0; u < units; u++) {
            double xu = rnd.nextDouble() < 0.5 ? 1 : 0;
            // x = 1 units are treated early more often
            double r = rnd.nextDouble();
            int g = xu == 1 ? (r < 0.35 ? 2004 : r < 0.6 ? 2006 : r < 0.8 ? 2008 : 0)
                    : (r < 0.1 ? 2004 : r < 0.25 ? 2006 : r < 0.45 ? 2008 : 0);
            double alpha = rnd.nextGaussian();
            for (int t = 0; t < years; t++, i++) {
                unit[i] = "u" + u;
                year[i] = 2001 + t;
                adopt[i] = g;
                x[i] = xu;
                z[i] = rnd.nextGaussian();
                boolean on = g > 0 && year[i] >= g;
                y[i] = alpha + 0.1 * t + trend * xu * t + (on ? effect : 0) + 0.2 * z[i] + sigma * rnd.nextGaussian();
            }
        }
        Map<String, Column> cols = new LinkedHashMap<>();
        cols.put("unit", new Column.Text(unit));
        cols.put("year", new Column.Numeric(year));
        cols.put("adopt", new Column.Numeric(adopt));
        cols.put("x", new Column.Numeric(x));
        cols.put("z", new Column.Numeric(z));
        cols.put("y", new Column.Numeric(y));
        return new PanelFrame("unit", "year", null, cols);
    }
}
