package io.panelflow.report.figure;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** A linear value axis with round tick values covering [min, max] (Heckbert's nice numbers). */
public record NiceScale(double low, double high, double step) {

    /** A scale covering zero and every finite estimate and interval bound of {@code estimates}. */
    public static NiceScale coveringEstimates(java.util.List<Estimate> estimates, int targetTicks) {
        double min = 0;
        double max = 0;
        for (Estimate e : estimates) {
            for (double v : new double[]{e.estimate(), e.low(), e.high()}) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return covering(min, max, targetTicks);
    }

    public static NiceScale covering(double min, double max, int targetTicks) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            min = 0;
            max = 1;
        }
        if (min == max) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double step = nice((max - min) / Math.max(1, targetTicks - 1));
        return new NiceScale(Math.floor(min / step) * step, Math.ceil(max / step) * step, step);
    }

    private static double nice(double raw) {
        double exponent = Math.floor(Math.log10(raw));
        double fraction = raw / Math.pow(10, exponent);
        double niceFraction = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return niceFraction * Math.pow(10, exponent);
    }

    public List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        for (double v = low; v <= high + step * 1e-9; v += step) {
            ticks.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return ticks;
    }

    /** Tick label with just enough decimals for the step. */
    public String label(double value) {
        int decimals = Math.max(0, -(int) Math.floor(Math.log10(step) + 1e-9));
        BigDecimal d = BigDecimal.valueOf(value).setScale(decimals, java.math.RoundingMode.HALF_UP);
        return d.signum() == 0 ? d.abs().toPlainString() : d.toPlainString();
    }

    /** Maps a value to a pixel between {@code pixelLow} (at low) and {@code pixelHigh} (at high). */
    public double map(double value, double pixelLow, double pixelHigh) {
        return pixelLow + (value - low) / (high - low) * (pixelHigh - pixelLow);
    }
}
