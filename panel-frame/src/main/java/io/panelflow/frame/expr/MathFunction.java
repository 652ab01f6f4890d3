package io.panelflow.frame.expr;

import java.util.Map;
import java.util.Set;

/**
 * A row-wise function: {@code log} (natural), {@code exp}, {@code sqrt}, {@code abs}, or {@code I}
 * (identity, R's "as is" wrapper for arithmetic inside a formula). NaN where undefined.
 */
public record MathFunction(String name, Expression argument) implements Expression {

    public static boolean isName(String name) {
        return switch (name) {
            case "log", "exp", "sqrt", "abs", "I" -> true;
            default -> false;
        };
    }

    @Override
    public void collectVariables(Set<String> out) {
        argument.collectVariables(out);
    }

    @Override
    public double[] evaluate(EvaluationContext context) {
        double[] v = argument.evaluate(context);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double x = v[i];
            double r = switch (name) {
                case "log" -> x > 0 ? Math.log(x) : Double.NaN;
                case "exp" -> Math.exp(x);
                case "sqrt" -> x >= 0 ? Math.sqrt(x) : Double.NaN;
                case "abs" -> Math.abs(x);
                case "I" -> x;
                default -> throw new IllegalStateException("function " + name);
            };
            out[i] = Double.isFinite(r) ? r : Double.NaN;
        }
        return out;
    }

    @Override
    public String text() {
        return name + "(" + argument.text() + ")";
    }

    @Override
    public Expression renameColumns(Map<String, String> renames) {
        return new MathFunction(name, argument.renameColumns(renames));
    }
}
