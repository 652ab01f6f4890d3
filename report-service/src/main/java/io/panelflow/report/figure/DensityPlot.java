package io.panelflow.report.figure;

import java.util.Arrays;

/**
 * A Gaussian kernel density of a sample (Silverman's rule-of-thumb bandwidth, 0.9·min(sd, IQR/1.34)·n^−1/5, as
 * R's {@code bw.nrd0}) drawn as a filled curve, with a vertical line at a marked value (the true estimate of a
 * placebo test) and its label.
 */
public record DensityPlot(String xTitle, double[] sample, double marked, String markLabel, int width, int height)
        implements Chart {
    static final int POINTS = 200;

    /** The bandwidth of R's {@code bw.nrd0}. */
    public static double bandwidth(double[] sample) {
        int n = sample.length;
        double[] s = sample.clone();
        Arrays.sort(s);
        double mean = Arrays.stream(s).average().orElse(0);
        double sd = n < 2 ? 0 : Math.sqrt(Arrays.stream(s).map(v -> (v - mean) * (v - mean)).sum() / (n - 1));
        double iqr = quantile(s, 0.75) - quantile(s, 0.25);
        double lo = Math.min(sd, iqr / 1.34);
        if (!(lo > 0)) {
            lo = sd > 0 ? sd : iqr > 0 ? iqr / 1.34 : Math.abs(s[0]) > 0 ? Math.abs(s[0]) : 1;
        }
        return 0.9 * lo * Math.pow(n, -0.2);
    }

    /** The density at x. */
    public static double density(double[] sample, double h, double x) {
        double s = 0;
        for (double v : sample) {
            double z = (x - v) / h;
            s += Math.exp(-0.5 * z * z);
        }
        return s / (sample.length * h * Math.sqrt(2 * Math.PI));
    }

    @Override
    public void draw(Canvas c) {
        double h = bandwidth(sample);
        double min = Math.min(Arrays.stream(sample).min().orElse(0) - 3 * h, marked);
        double max = Math.max(Arrays.stream(sample).max().orElse(0) + 3 * h, marked);
        NiceScale x = NiceScale.covering(min, max, 7);
        double[] xs = new double[POINTS];
        double[] ds = new double[POINTS];
        double top = 0;
        for (int i = 0; i < POINTS; i++) {
            xs[i] = x.low() + (x.high() - x.low()) * i / (POINTS - 1);
            ds[i] = density(sample, h, xs[i]);
            top = Math.max(top, ds[i]);
        }
        PlotFrame frame = new PlotFrame(width, height, 0, NiceScale.covering(0, top, 5));
        frame.drawAxes(c, "Density", xTitle);
        for (double tick : x.ticks()) {
            double px = x.map(tick, frame.plotLeft(), frame.plotRight());
            c.line(px, frame.plotBottom(), px, frame.plotBottom() + 4, Palette.AXIS, 1, false);
            c.text(px, frame.plotBottom() + 18, x.label(tick), 11, Anchor.MIDDLE, Palette.AXIS, false);
        }
        double[] px = new double[POINTS + 2];
        double[] py = new double[POINTS + 2];
        for (int i = 0; i < POINTS; i++) {
            px[i] = x.map(xs[i], frame.plotLeft(), frame.plotRight());
            py[i] = frame.yPixel(ds[i]);
        }
        px[POINTS] = px[POINTS - 1];
        py[POINTS] = frame.yPixel(0);
        px[POINTS + 1] = px[0];
        py[POINTS + 1] = frame.yPixel(0);
        c.polygon(px, py, Palette.series(0), 0.18);
        c.polyline(Arrays.copyOf(px, POINTS), Arrays.copyOf(py, POINTS), Palette.series(0), 2);
        double mx = x.map(marked, frame.plotLeft(), frame.plotRight());
        c.line(mx, frame.plotTop(), mx, frame.plotBottom(), Palette.series(1), 2, true);
        boolean right = mx < (frame.plotLeft() + frame.plotRight()) / 2;
        c.text(mx + (right ? 6 : -6), frame.plotTop() + 14, markLabel, 11, right ? Anchor.START : Anchor.END,
                Palette.series(1), false);
    }

    private static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
