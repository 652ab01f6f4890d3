package io.panelflow.report.figure;

/** Colours that stay apart in print and for colour-blind readers (Okabe–Ito), plus greys. */
public final class Palette {

    public static final String TEXT = "#222222";
    public static final String AXIS = "#444444";
    public static final String GRID = "#e5e5e5";
    public static final String MUTED = "#bbbbbb";
    public static final String WHITE = "#ffffff";
    private static final String[] SERIES = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
            "#000000", "#F0E442"};

    private Palette() {
    }

    public static String series(int i) {
        return SERIES[Math.floorMod(i, SERIES.length)];
    }
}
