package io.panelflow.report.figure;

/** Horizontal alignment of text at its anchor point. */
public enum Anchor {
    START, MIDDLE, END
}
