package io.panelflow.index;

import io.panelflow.frame.PanelFrame;

/**
 * Evaluates a measure expression such as {@code "gdp / population"} or a plain column name on a
 * panel, one value per row (NaN = missing). The service passes the panel expression language; tests
 * pass a small lambda.
 */
@FunctionalInterface
public interface MeasureEvaluator {

    double[] evaluate(PanelFrame frame, String expression);

    /** Plain column names only. */
    static MeasureEvaluator columnsOnly() {
        return (frame, expression) -> frame.numeric(expression.trim());
    }
}
