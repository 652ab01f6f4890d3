package io.panelflow.frame.expr;

import java.util.Map;
import java.util.Set;

/**
 * Treatment builders from an adoption-year column a of a staggered pilot (missing = never treated),
 * with t the panel's time: {@code treated(a)} = 1[a not missing]; {@code post(a)} = 1[a not missing and
 * t ≥ a]; {@code did(a)} = treated(a) · post(a); {@code event_time(a)} = t − a (NaN for never-treated).
 */
public record AdoptionIndicator(String name, Expression argument) implements Expression {

    public static boolean isName(String name) {
        return switch (name) {
            case "treated", "post", "did", "event_time" -> true;
            default -> false;
        };
    }

    @Override
    public void collectVariables(Set<String> out) {
        argument.collectVariables(out);
    }

    @Override
    public double[] evaluate(EvaluationContext context) {
        double[] a = argument.evaluate(context);
        double[] t = name.equals("treated") ? null : context.timeValues();
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            boolean treated = Double.isFinite(a[i]);
            out[i] = switch (name) {
                case "treated" -> treated ? 1 : 0;
                case "post", "did" -> !Double.isFinite(t[i]) ? Double.NaN : (treated && t[i] >= a[i] ? 1 : 0);
                case "event_time" -> treated && Double.isFinite(t[i]) ? t[i] - a[i] : Double.NaN;
                default -> throw new IllegalStateException("function " + name);
            };
        }
        return out;
    }

    @Override
    public String text() {
        return name + "(" + argument.text() + ")";
    }

    @Override
    public Expression renameColumns(Map<String, String> renames) {
        return new AdoptionIndicator(name, argument.renameColumns(renames));
    }
}
