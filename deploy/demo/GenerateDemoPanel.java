import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes panelflow's synthetic demo panel: 31 provinces x 2013-2022, deterministic (fixed seed).
 *
 * <p>Run: {@code java deploy/demo/GenerateDemoPanel.java OUT.csv}. Nothing here is real data; the
 * names are those of China's provinces so that the tables read like the papers', and every report
 * built from this file says it is synthetic.
 *
 * <h2>Data-generating process (i = province, t = year, s = t - 2013, e ~ N(0, 1) independent draws)</h2>
 * <ul>
 *   <li>region: east / central / west by the usual classification; a_i ~ N(0, 1) a province effect.</li>
 *   <li>pop_it (10k persons) = P_i * (1 + g_i)^s * exp(0.01 e), P_i = exp(8.2 + 0.7 e), g_i = 0.005 + 0.004 e.</li>
 *   <li>area_i (km2) = exp(11.8 + 0.6 e); density_it = 10000 * pop_it / area_i.</li>
 *   <li>pgdp_it (yuan) = exp(10.3 + 0.35 [east] - 0.15 [west] + 0.25 a_i + 0.06 s + 0.03 e).</li>
 *   <li>urban_it = clamp(0.42 + 0.12 [east] + 0.05 a_i + 0.012 s + 0.01 e, 0.2, 0.92).</li>
 *   <li>gov_it = clamp(0.24 + 0.08 [west] - 0.04 [east] + 0.02 e, 0.08, 0.6).</li>
 *   <li>latent digital level D_it = 0.4 [east] + 0.2 a_i + 0.09 s + 0.05 e; three indicators
 *       optical_cable_km = exp(10 + 0.9 D + 0.05 e), broadband_ports = exp(6 + 1.1 D + 0.05 e),
 *       base_stations = exp(3 + 1.0 D + 0.05 e).</li>
 *   <li>DT_true_it = mean over the three indicators of the pooled min-max normalized value
 *       (x - min) / (max - min) — exactly the spec's equal-weight index {@code DT_eq}.</li>
 *   <li>innovation_it (mediator) = 1.0 + 0.8 DT_true + 0.1 a_i + 0.05 e.</li>
 *   <li>ps_supply_it (public-service supply per capita) = exp(8 + 0.3 log(pgdp/30000) + 0.2 D + 0.05 e).</li>
 *   <li><b>Outcome</b> Y_it = 0.50 DT_true + 0.40 innovation + 0.10 log(pgdp) + 0.05 urban - 0.20 gov
 *       + 0.3 a_i + 0.02 s + 0.03 e. The true total effect of DT_true on Y is 0.50 + 0.40 * 0.8 = 0.82,
 *       the direct effect 0.50 and the indirect effect through innovation 0.32.</li>
 *   <li>pilot_year_i (staggered broadband pilot, batches like Broadband China's): by province index p in the
 *       list order, 2014 when p mod 4 = 0, 2015 when p mod 4 = 1, 2016 when p mod 4 = 2, and 0 (never
 *       treated) when p mod 4 = 3. Deterministic: it draws nothing, so the random stream above is unchanged.</li>
 *   <li>Pilot effect: Y_it gains + 0.05 from the adoption year on (t ≥ pilot_year_i, treated provinces only),
 *       so the true DID effect of the pilot is 0.05.</li>
 *   <li>Three interior gaps are left in base_stations (for the cleaning report).</li>
 * </ul>
 */
public final class GenerateDemoPanel {
    static final String[][] PROVINCES = {
            {"Beijing", "east"}, {"Tianjin", "east"}, {"Hebei", "east"}, {"Shanxi", "central"},
            {"Inner Mongolia", "west"}, {"Liaoning", "east"}, {"Jilin", "central"}, {"Heilongjiang", "central"},
            {"Shanghai", "east"}, {"Jiangsu", "east"}, {"Zhejiang", "east"}, {"Anhui", "central"},
            {"Fujian", "east"}, {"Jiangxi", "central"}, {"Shandong", "east"}, {"Henan", "central"},
            {"Hubei", "central"}, {"Hunan", "central"}, {"Guangdong", "east"}, {"Guangxi", "west"},
            {"Hainan", "east"}, {"Chongqing", "west"}, {"Sichuan", "west"}, {"Guizhou", "west"},
            {"Yunnan", "west"}, {"Tibet", "west"}, {"Shaanxi", "west"}, {"Gansu", "west"},
            {"Qinghai", "west"}, {"Ningxia", "west"}, {"Xinjiang", "west"}};
    static final int FIRST_YEAR = 2013;
    static final int YEARS = 10;
    static final long SEED = 20240601L;
    static final double PILOT_EFFECT = 0.05;

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java GenerateDemoPanel.java OUT.csv");
            System.exit(2);
        }
        int n = PROVINCES.length * YEARS;
        SplittableRandom rnd = new SplittableRandom(SEED);
        double[] pop = new double[n], density = new double[n], pgdp = new double[n], urban = new double[n];
        double[] gov = new double[n], d = new double[n], a = new double[n];
        double[][] ind = new double[3][n];
        double[] innovationNoise = new double[n], psNoise = new double[n], yNoise = new double[n];
        for (int p = 0; p < PROVINCES.length; p++) {
            String region = PROVINCES[p][1];
            double east = region.equals("east") ? 1 : 0, west = region.equals("west") ? 1 : 0;
            double ai = gauss(rnd);
            double basePop = Math.exp(8.2 + 0.7 * gauss(rnd));
            double area = Math.exp(11.8 + 0.6 * gauss(rnd));
            double popGrowth = 0.005 + 0.004 * gauss(rnd);
            for (int s = 0; s < YEARS; s++) {
                int r = p * YEARS + s;
                a[r] = ai;
                pop[r] = basePop * Math.pow(1 + popGrowth, s) * Math.exp(0.01 * gauss(rnd));
                density[r] = 10000 * pop[r] / area;
                pgdp[r] = Math.exp(10.3 + 0.35 * east - 0.15 * west + 0.25 * ai + 0.06 * s + 0.03 * gauss(rnd));
                urban[r] = clamp(0.42 + 0.12 * east + 0.05 * ai + 0.012 * s + 0.01 * gauss(rnd), 0.2, 0.92);
                gov[r] = clamp(0.24 + 0.08 * west - 0.04 * east + 0.02 * gauss(rnd), 0.08, 0.6);
                d[r] = 0.4 * east + 0.2 * ai + 0.09 * s + 0.05 * gauss(rnd);
                ind[0][r] = Math.exp(10 + 0.9 * d[r] + 0.05 * gauss(rnd));
                ind[1][r] = Math.exp(6 + 1.1 * d[r] + 0.05 * gauss(rnd));
                ind[2][r] = Math.exp(3 + 1.0 * d[r] + 0.05 * gauss(rnd));
                innovationNoise[r] = gauss(rnd);
                psNoise[r] = gauss(rnd);
                yNoise[r] = gauss(rnd);
            }
        }
        double[] dtTrue = new double[n];
        for (double[] x : ind) {
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (double v : x) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            for (int r = 0; r < n; r++) {
                dtTrue[r] += (x[r] - min) / (max - min) / ind.length;
            }
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.UTF_8))) {
            out.println("province,year,region,pop,density,pgdp,urban,gov,optical_cable_km,broadband_ports,"
                    + "base_stations,ps_supply,innovation,Y,pilot_year");
            for (int p = 0; p < PROVINCES.length; p++) {
                for (int s = 0; s < YEARS; s++) {
                    int r = p * YEARS + s;
                    double innovation = 1.0 + 0.8 * dtTrue[r] + 0.1 * a[r] + 0.05 * innovationNoise[r];
                    double ps = Math.exp(8 + 0.3 * Math.log(pgdp[r] / 30000) + 0.2 * d[r] + 0.05 * psNoise[r]);
                    double y = 0.50 * dtTrue[r] + 0.40 * innovation + 0.10 * Math.log(pgdp[r]) + 0.05 * urban[r]
                            - 0.20 * gov[r] + 0.3 * a[r] + 0.02 * s + 0.03 * yNoise[r];
                    int pilot = pilotYear(p);
                    if (pilot > 0 && FIRST_YEAR + s >= pilot) {
                        y += PILOT_EFFECT;
                    }
                    boolean gap = (p == 3 && s == 4) || (p == 17 && s == 6) || (p == 26 && s == 2);
                    out.println(String.join(",", PROVINCES[p][0], Integer.toString(FIRST_YEAR + s), PROVINCES[p][1],
                            f(pop[r]), f(density[r]), f(pgdp[r]), f(urban[r]), f(gov[r]), f(ind[0][r]), f(ind[1][r]),
                            gap ? "" : f(ind[2][r]), f(ps), f(innovation), f(y),
                            Integer.toString(pilot)));
                }
            }
        }
    }

    /** The pilot batch of province p (list order): 2014, 2015, 2016 or 0 (never) by p mod 4. */
    static int pilotYear(int p) {
        return switch (p % 4) {
            case 0 -> 2014;
            case 1 -> 2015;
            case 2 -> 2016;
            default -> 0;
        };
    }

    static double gauss(SplittableRandom rnd) {
        // Box-Muller, so the stream depends on nothing but the seed and this code.
        double u1 = rnd.nextDouble(), u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    static String f(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
