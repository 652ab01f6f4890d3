package io.panelflow.frame.expr;

import java.util.Map;
import java.util.Set;

/**
 * Panel operators within unit by time, by exact lookup of (unit, t ± k):
 * {@code l(x, k)} = x(i, t−k) (lag), {@code f(x, k)} = x(i, t+k) (lead),
 * {@code d(x, k)} = x(i, t) − x(i, t−k) (difference). A missing (unit, time) row gives NaN.
 */
public record PanelShift(String name, Expression argument, int periods) implements Expression {

    public static boolean isName(String name) {
        return name.equals("l") || name.equals("f") || name.equals("d");
    }

    @Override
    public void collectVariables(Set<String> out) {
        argument.collectVariables(out);
    }

    @Override
    public double[] evaluate(EvaluationContext context) {
        double[] v = argument.evaluate(context);
        PanelIndex index = context.panelIndex();
        int shift = name.equals("f") ? periods : -periods;
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            int r = index.rowOf(i, shift);
            double shifted = r < 0 ? Double.NaN : v[r];
            double value = name.equals("d") ? v[i] - shifted : shifted;
            out[i] = Double.isFinite(value) ? value : Double.NaN;
        }
        return out;
    }

    @Override
    public String text() {
        return name + "(" + argument.text() + ", " + periods + ")";
    }

    @Override
    public Expression renameColumns(Map<String, String> renames) {
        return new PanelShift(name, argument.renameColumns(renames), periods);
    }
}
