package io.panelflow.report.figure;

/** Something drawn on a canvas of a given logical size. */
public interface Chart {

    int width();

    int height();

    void draw(Canvas canvas);
}
