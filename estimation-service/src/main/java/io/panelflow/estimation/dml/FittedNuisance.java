package io.panelflow.estimation.dml;

/** A fitted nuisance function: predictions for new rows ({@code x[j][i]}, column-major). */
public interface FittedNuisance {

    double[] predict(double[][] x);
}
