package io.panelflow.frame.expr;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The shift-share (Bartik) instrument of Han, Sun and Liu (2024):
 * {@code bartik(x)}(i, t) = x(i, t−1) · (x̄(t) − x̄(t−1)), where x̄(s) is the mean of x over the units
 * with a finite value in period s. NaN when the unit has no row or value at t−1 or a period mean is
 * undefined.
 */
public record ShiftShareInstrument(Expression argument) implements Expression {

    @Override
    public void collectVariables(Set<String> out) {
        argument.collectVariables(out);
    }

    @Override
    public double[] evaluate(EvaluationContext context) {
        double[] v = argument.evaluate(context);
        PanelIndex index = context.panelIndex();
        Map<Long, double[]> sumAndCount = new HashMap<>();
        for (int i = 0; i < v.length; i++) {
            if (index.hasKey(i) && Double.isFinite(v[i])) {
                double[] sc = sumAndCount.computeIfAbsent(index.time(i), k -> new double[2]);
                sc[0] += v[i];
                sc[1] += 1;
            }
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Double.NaN;
            if (!index.hasKey(i)) {
                continue;
            }
            int previous = index.rowOf(i, -1);
            double[] now = sumAndCount.get(index.time(i));
            double[] before = sumAndCount.get(index.time(i) - 1);
            if (previous < 0 || now == null || before == null) {
                continue;
            }
            double r = v[previous] * (now[0] / now[1] - before[0] / before[1]);
            out[i] = Double.isFinite(r) ? r : Double.NaN;
        }
        return out;
    }

    @Override
    public String text() {
        return "bartik(" + argument.text() + ")";
    }

    @Override
    public Expression renameColumns(Map<String, String> renames) {
        return new ShiftShareInstrument(argument.renameColumns(renames));
    }
}
