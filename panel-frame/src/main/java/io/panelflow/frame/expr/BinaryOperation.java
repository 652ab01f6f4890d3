package io.panelflow.frame.expr;

import java.util.Map;
import java.util.Set;

/**
 * {@code a + b}, {@code a - b}, {@code a * b}, {@code a / b}, {@code a ^ b} (= a<sup>b</sup>), row by row;
 * NaN where either side is NaN or the result is not finite.
 */
public record BinaryOperation(char operator, Expression left, Expression right) implements Expression {

    @Override
    public void collectVariables(Set<String> out) {
        left.collectVariables(out);
        right.collectVariables(out);
    }

    @Override
    public double[] evaluate(EvaluationContext context) {
        double[] a = left.evaluate(context);
        double[] b = right.evaluate(context);
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double r = switch (operator) {
                case '+' -> a[i] + b[i];
                case '-' -> a[i] - b[i];
                case '*' -> a[i] * b[i];
                case '/' -> a[i] / b[i];
                case '^' -> Math.pow(a[i], b[i]);
                default -> throw new IllegalStateException("operator " + operator);
            };
            out[i] = Double.isFinite(r) ? r : Double.NaN;
        }
        return out;
    }

    /** As R deparses: spaces around {@code + - *}, none around {@code / ^}. */
    @Override
    public String text() {
        String op = (operator == '/' || operator == '^') ? String.valueOf(operator) : " " + operator + " ";
        return left.text() + op + right.text();
    }

    @Override
    public Expression renameColumns(Map<String, String> renames) {
        return new BinaryOperation(operator, left.renameColumns(renames), right.renameColumns(renames));
    }
}
