package io.panelflow.report.replication;

import io.panelflow.frame.expr.AdoptionIndicator;
import io.panelflow.frame.expr.BinaryOperation;
import io.panelflow.frame.expr.ColumnReference;
import io.panelflow.frame.expr.Expression;
import io.panelflow.frame.expr.MathFunction;
import io.panelflow.frame.expr.Negation;
import io.panelflow.frame.expr.PanelShift;
import io.panelflow.frame.expr.Parenthesized;
import io.panelflow.frame.expr.ShiftShareInstrument;

import java.util.List;
import java.util.Map;

/**
 * panelflow expressions as Stata expressions over the imported panel (xtset by unit and time, so the
 * time-series operators {@code L<k>.} and {@code F<k>.} look up (unit, t ∓ k) exactly, as panelflow does); an
 * operator whose argument is not a plain variable gets a helper variable first, written to {@code lines}.
 */
final class StataTranslation {
    private final Map<String, String> names;
    private final String time;
    private final List<String> lines;
    private int helpers;

    StataTranslation(Map<String, String> names, String time, List<String> lines) {
        this.names = names;
        this.time = time;
        this.lines = lines;
    }

    String expression(Expression e) {
        if (e instanceof ColumnReference c) {
            String n = names.get(c.name());
            if (n == null) {
                throw new IllegalArgumentException("column '" + c.name() + "' is not in the estimation panel");
            }
            return n;
        }
        if (e instanceof BinaryOperation b) {
            return expression(b.left()) + " " + b.operator() + " " + expression(b.right());
        }
        if (e instanceof MathFunction m) {
            String arg = expression(m.argument());
            return switch (m.name()) {
                case "log" -> "ln(" + arg + ")";
                case "I" -> "(" + arg + ")";
                default -> m.name() + "(" + arg + ")";
            };
        }
        if (e instanceof Negation n) {
            return "-" + expression(n.operand());
        }
        if (e instanceof Parenthesized p) {
            return "(" + expression(p.inner()) + ")";
        }
        if (e instanceof PanelShift s) {
            String v = variable(s.argument());
            String lag = "L" + s.periods() + "." + v;
            return switch (s.name()) {
                case "l" -> lag;
                case "f" -> "F" + s.periods() + "." + v;
                default -> "(" + v + " - " + lag + ")";
            };
        }
        if (e instanceof ShiftShareInstrument s) {
            String v = variable(s.argument());
            String mean = helper();
            lines.add("bysort " + time + ": egen double " + mean + " = mean(" + v + ")");
            lines.add("sort __unit " + time);
            return "(L1." + v + " * (" + mean + " - L1." + mean + "))";
        }
        if (e instanceof AdoptionIndicator a) {
            String v = expression(a.argument());
            return switch (a.name()) {
                case "treated" -> "(!missing(" + v + "))";
                case "post", "did" -> "cond(missing(" + time + "), ., !missing(" + v + ") & " + time + " >= " + v + ")";
                default -> "cond(!missing(" + v + ") & !missing(" + time + "), " + time + " - (" + v + "), .)";
            };
        }
        return e.text();
    }

    /** A plain variable holding the expression (the expression itself when it is one). */
    private String variable(Expression e) {
        if (e instanceof ColumnReference) {
            return expression(e);
        }
        String h = helper();
        lines.add("gen double " + h + " = " + expression(e));
        return h;
    }

    private String helper() {
        return "__h" + (++helpers);
    }
}
