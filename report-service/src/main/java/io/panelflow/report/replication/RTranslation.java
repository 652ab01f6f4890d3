package io.panelflow.report.replication;

import io.panelflow.frame.expr.AdoptionIndicator;
import io.panelflow.frame.expr.BinaryOperation;
import io.panelflow.frame.expr.Expression;
import io.panelflow.frame.expr.MathFunction;
import io.panelflow.frame.expr.Negation;
import io.panelflow.frame.expr.PanelShift;
import io.panelflow.frame.expr.Parenthesized;
import io.panelflow.frame.expr.ShiftShareInstrument;
import io.panelflow.frame.formula.DummyTerm;
import io.panelflow.frame.formula.ExpressionTerm;
import io.panelflow.frame.formula.FixedEffectTerm;
import io.panelflow.frame.formula.Formula;
import io.panelflow.frame.formula.FormulaTerm;
import io.panelflow.frame.formula.InteractionTerm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * panelflow formulas in R. panelflow already writes fixest's syntax; what fixest does not share are the
 * panel operators ({@code l}, {@code f}, {@code d} by exact (unit, time − k) lookup, {@code bartik}, and the
 * adoption-year functions {@code treated}, {@code post}, {@code did}, {@code event_time}). Each is computed once
 * on the whole panel into a column {@code pf_<n>} by the script's helpers (so a subsample still sees the
 * previous year, as in panelflow) and the formula refers to that column; {@link #renames()} maps fixest's
 * coefficient names back to panelflow's terms (and {@code fit_<x>}, fixest's name of an instrumented
 * regressor, to {@code x}).
 */
final class RTranslation {
    /** R code of each computed column, by panelflow expression text; shared by every model of the script. */
    private final Map<String, String> columnByText = new LinkedHashMap<>();
    private final List<String> definitions = new ArrayList<>();
    private Map<String, String> renames = new LinkedHashMap<>();

    /** The lines that compute the panel-operator columns, in dependency order. */
    List<String> definitions() {
        return definitions;
    }

    /** fixest's coefficient name → panelflow's term, for the formula translated last. */
    Map<String, String> renames() {
        return renames;
    }

    String formula(Formula f) {
        renames = new LinkedHashMap<>();
        StringBuilder b = new StringBuilder(expression(f.dependent())).append(" ~ ");
        List<String> rhs = new ArrayList<>();
        if (!f.intercept() && f.fixedEffects().isEmpty()) {
            rhs.add("0");
        }
        for (FormulaTerm t : f.regressors()) {
            String r = term(t);
            if (!r.equals(t.text())) {
                renames.put(r, t.text());
            }
            rhs.add(r);
        }
        if (rhs.isEmpty()) {
            rhs.add("1");
        }
        b.append(String.join(" + ", rhs));
        if (!f.fixedEffects().isEmpty()) {
            b.append(" | ").append(f.fixedEffects().stream().map(FixedEffectTerm::text).collect(Collectors.joining(" + ")));
        }
        if (f.isInstrumental()) {
            List<String> endo = new ArrayList<>();
            for (Expression e : f.endogenous()) {
                String r = expression(e);
                renames.put("fit_" + r, e.text());
                endo.add(r);
            }
            b.append(" | ").append(String.join(" + ", endo)).append(" ~ ")
                    .append(f.instruments().stream().map(this::expression).collect(Collectors.joining(" + ")));
        }
        return b.toString();
    }

    private String term(FormulaTerm t) {
        if (t instanceof ExpressionTerm e) {
            return expression(e.expression());
        }
        if (t instanceof InteractionTerm i) {
            return i.factors().stream().map(this::expression).collect(Collectors.joining(":"));
        }
        DummyTerm d = (DummyTerm) t;
        return d.slope() == null ? d.text() : d.text().replace(d.slope().text(), expression(d.slope()));
    }

    /** The R text of an expression over the data frame's columns, panel operators replaced by computed columns. */
    String expression(Expression e) {
        if (e instanceof BinaryOperation b) {
            char op = b.operator();
            String sep = (op == '/' || op == '^') ? String.valueOf(op) : " " + op + " ";
            return expression(b.left()) + sep + expression(b.right());
        }
        if (e instanceof MathFunction m) {
            return m.name() + "(" + expression(m.argument()) + ")";
        }
        if (e instanceof Negation n) {
            return "-" + expression(n.operand());
        }
        if (e instanceof Parenthesized p) {
            return "(" + expression(p.inner()) + ")";
        }
        if (e instanceof PanelShift s) {
            String helper = s.name().equals("l") ? "pf_lag" : s.name().equals("f") ? "pf_lead" : "pf_diff";
            return computed(e, helper + "(" + vector(s.argument()) + ", " + s.periods() + ")");
        }
        if (e instanceof ShiftShareInstrument s) {
            return computed(e, "pf_bartik(" + vector(s.argument()) + ")");
        }
        if (e instanceof AdoptionIndicator a) {
            return computed(e, "pf_" + a.name() + "(" + vector(a.argument()) + ")");
        }
        return e.text();
    }

    private String vector(Expression argument) {
        return "with(d, " + expression(argument) + ")";
    }

    private String computed(Expression e, String code) {
        String existing = columnByText.get(e.text());
        if (existing != null) {
            return existing;
        }
        String name = "pf_" + (columnByText.size() + 1);
        columnByText.put(e.text(), name);
        definitions.add("d[[\"" + name + "\"]] <- " + code + "   # " + e.text());
        return name;
    }
}
