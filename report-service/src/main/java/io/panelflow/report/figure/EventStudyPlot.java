package io.panelflow.report.figure;

import java.util.Comparator;
import java.util.List;

/**
 * Coefficients by period relative to treatment with a shaded confidence band, a dashed zero line
 * and a dotted line between the last pre-period and the treatment period.
 */
public record EventStudyPlot(String yTitle, List<Estimate> estimates, int width, int height) implements Chart {

    public EventStudyPlot {
        estimates = estimates.stream().sorted(Comparator.comparingDouble(Estimate::position)).toList();
    }

    @Override
    public void draw(Canvas c) {
        PlotFrame frame = new PlotFrame(width, height, 0, NiceScale.coveringEstimates(estimates, 6));
        frame.drawAxes(c, yTitle, "Periods relative to treatment");
        List<String> labels = estimates.stream().map(Estimate::label).toList();
        frame.drawCategories(c, labels);
        frame.drawZero(c);
        int n = estimates.size();
        for (int i = 0; i + 1 < n; i++) {
            if (estimates.get(i).position() < 0 && estimates.get(i + 1).position() >= 0) {
                double x = (frame.categoryPixel(i, n) + frame.categoryPixel(i + 1, n)) / 2;
                c.line(x, frame.plotTop(), x, frame.plotBottom(), Palette.MUTED, 1, true);
            }
        }
        List<Integer> banded = java.util.stream.IntStream.range(0, n)
                .filter(i -> Double.isFinite(estimates.get(i).low()) && Double.isFinite(estimates.get(i).high()))
                .boxed().toList();
        if (banded.size() > 1) {
            double[] xs = new double[banded.size() * 2];
            double[] ys = new double[banded.size() * 2];
            for (int k = 0; k < banded.size(); k++) {
                int i = banded.get(k);
                xs[k] = frame.categoryPixel(i, n);
                ys[k] = frame.yPixel(estimates.get(i).high());
                int back = xs.length - 1 - k;
                xs[back] = xs[k];
                ys[back] = frame.yPixel(estimates.get(i).low());
            }
            c.polygon(xs, ys, Palette.series(0), 0.18);
        }
        double[] px = new double[n];
        double[] py = new double[n];
        for (int i = 0; i < n; i++) {
            px[i] = frame.categoryPixel(i, n);
            py[i] = frame.yPixel(estimates.get(i).estimate());
        }
        c.polyline(px, py, Palette.series(0), 2);
        for (int i = 0; i < n; i++) {
            c.circle(px[i], py[i], 3.5, Palette.series(0));
        }
    }
}
