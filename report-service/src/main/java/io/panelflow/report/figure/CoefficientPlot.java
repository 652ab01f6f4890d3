package io.panelflow.report.figure;

import java.util.List;

/** Point estimates with confidence-interval whiskers, one per column of a table, and a dashed zero line. */
public record CoefficientPlot(String yTitle, List<Estimate> estimates, int width, int height) implements Chart {

    public CoefficientPlot {
        estimates = List.copyOf(estimates);
    }

    @Override
    public void draw(Canvas c) {
        PlotFrame frame = new PlotFrame(width, height, 0, NiceScale.coveringEstimates(estimates, 6));
        frame.drawAxes(c, yTitle, null);
        frame.drawCategories(c, estimates.stream().map(Estimate::label).toList());
        frame.drawZero(c);
        int n = estimates.size();
        for (int i = 0; i < n; i++) {
            Estimate e = estimates.get(i);
            double x = frame.categoryPixel(i, n);
            if (Double.isFinite(e.low()) && Double.isFinite(e.high())) {
                double lo = frame.yPixel(e.low());
                double hi = frame.yPixel(e.high());
                c.line(x, lo, x, hi, Palette.series(0), 1.8, false);
                c.line(x - 5, lo, x + 5, lo, Palette.series(0), 1.8, false);
                c.line(x - 5, hi, x + 5, hi, Palette.series(0), 1.8, false);
            }
            if (Double.isFinite(e.estimate())) {
                c.circle(x, frame.yPixel(e.estimate()), 4, Palette.series(0));
            }
        }
    }
}
