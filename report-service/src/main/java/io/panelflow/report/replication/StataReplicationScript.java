package io.panelflow.report.replication;

import io.panelflow.frame.expr.Expression;
import io.panelflow.frame.formula.DummyTerm;
import io.panelflow.frame.formula.ExpressionTerm;
import io.panelflow.frame.formula.FixedEffectTerm;
import io.panelflow.frame.formula.Formula;
import io.panelflow.frame.formula.FormulaTerm;
import io.panelflow.frame.formula.InteractionTerm;
import io.panelflow.model.result.VcovInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code replicate.do}: the same models in Stata — {@code reghdfe} (OLS), {@code ivreghdfe} (IV, and
 * Driscoll–Kraay through ivreg2's {@code dkraay}), {@code eventstudyinteract} (Sun–Abraham's event-time
 * cells), {@code csdid} (Callaway–Sant'Anna, {@code method(dripw)} = R did's {@code "dr"}) — writing
 * {@code replicate-results-stata.csv} with the columns of replicate.R's file. Every term is generated as a
 * variable {@code __x<j>} first (Stata's factor and time-series syntax cannot express every panelflow
 * term), each fixed effect and cluster as a {@code group()} id; singletons are kept ({@code keepsingletons})
 * unless the spec drops them, as panelflow does.
 */
public final class StataReplicationScript {
    private StataReplicationScript() {
    }

    /**
     * @param panelFile   the estimation panel as a .dta file whose variables are named by {@link StataNames}
     * @param columns     the estimation panel's columns, in file order
     * @param textColumns those of them holding text
     */
    public static String write(String runId, ReplicationPlan plan, String panelFile, List<String> columns,
                               Set<String> textColumns) {
        Map<String, String> names = new LinkedHashMap<>(StataNames.of(columns));
        List<String> l = new ArrayList<>();
        l.add("* Replication of panelflow run " + runId + " in Stata (16 or later).");
        l.add("* Run it in the bundle's folder:   do replicate.do");
        l.add("* Writes replicate-results-stata.csv (model,term,estimate,std_error), as replicate.R writes replicate-results.csv.");
        l.add("* Needs: ssc install reghdfe, ftools, ivreghdfe, ivreg2, ranktest, csdid, drdid, eventstudyinteract, avar");
        l.add("* Fixed effects and clusters as fixest counts them: reghdfe's default small-sample rule for nested fixed");
        l.add("* effects is the same G/(G-1)*(N-1)/(N-K); singletons are kept (keepsingletons) as panelflow keeps them.");
        for (ReplicationPlan.Skipped s : plan.skipped()) {
            l.add("*   not replicated: " + s.id() + ": " + s.reason());
        }
        l.add("version 16");
        l.add("clear all");
        l.add("set more off");
        l.add("use \"" + panelFile + "\", clear");
        for (String c : columns) {
            if (!names.get(c).equals(c)) {
                l.add("* " + names.get(c) + " is the column '" + c.replace("\n", " ") + "' (its variable label)");
            }
        }
        String unit = names.get(plan.unit());
        String time = names.get(plan.time());
        l.add("egen long __unit = group(" + unit + ")");
        l.add("xtset __unit " + time);
        l.add("tempname pf");
        l.add("postfile `pf' str244 model str244 term double(estimate std_error) using \"replicate-results-stata.dta\", replace");
        l.add("capture program drop pf_post");
        l.add("program define pf_post");
        l.add("    args handle model term var");
        l.add("    post `handle' (`\"`model'\"') (`\"`term'\"') (_b[`var']) (_se[`var'])");
        l.add("end");
        l.add("");
        for (ReplicatedModel m : plan.models()) {
            try {
                l.addAll(block(m, plan, names, textColumns, time));
            } catch (RuntimeException e) {
                l.add("* " + m.id() + ": not translated (" + e.getMessage() + ")");
            }
            l.add("");
        }
        l.add("postclose `pf'");
        l.add("use \"replicate-results-stata.dta\", clear");
        l.add("format estimate std_error %24.17g");
        l.add("export delimited using \"replicate-results-stata.csv\", datafmt replace");
        return String.join("\n", l) + "\n";
    }

    private static List<String> block(ReplicatedModel m, ReplicationPlan plan, Map<String, String> baseNames,
                                      Set<String> textColumns, String time) {
        List<String> l = new ArrayList<>();
        l.add("* " + m.id() + (m.formula() == null ? "" : ": " + m.formula()));
        l.add("capture drop __y __x* __e* __z* __f* __c* __s __h* __tp __rt __cohort __never __l*");
        Map<String, String> names = new LinkedHashMap<>(baseNames);
        String unit = baseNames.get(plan.unit());
        if (m.did() != null) {
            String a = baseNames.get(m.did().adoption());
            l.add("quietly summarize " + time);
            l.add("gen double __cohort = cond(!missing(" + a + ") & " + a + " > 0 & " + a + " <= r(max), " + a + ", 0)");
            l.add("gen double __tp = __cohort > 0 & " + time + " >= __cohort");
            l.add("gen double __rt = cond(__cohort > 0, " + time + " - __cohort, -1000)");
            names.put("treat_post", "__tp");
            names.put("rel_time", "__rt");
        }
        StataTranslation tr = new StataTranslation(names, time, l);
        String id = stataString(m.id());
        if (m.kind() == ReplicatedModel.Kind.CALLAWAY_SANTANNA) {
            String controls = m.did().controls().stream().map(c -> {
                String v = tr.expression(Expression.parse(c));
                if (v.matches("[\\p{L}_][\\p{L}\\p{N}_]*")) {
                    return v;
                }
                String h = "__x" + (l.size());
                l.add("gen double " + h + " = " + v);
                return h;
            }).collect(Collectors.joining(" "));
            l.add("gen double __y = " + tr.expression(Expression.parse(m.did().outcome())));
            l.add("csdid __y " + controls + ", ivar(__unit) time(" + time + ") gvar(__cohort) method(dripw)"
                    + ("not-yet-treated".equals(m.did().controlGroup()) ? " notyet" : ""));
            l.add("estat simple");
            l.add("matrix __b = r(b)");
            l.add("matrix __V = r(V)");
            l.add("post `pf' (" + id + ") (\"ATT\") (__b[1,1]) (sqrt(__V[1,1]))");
            l.add("estat event");
            l.add("matrix __b = r(b)");
            l.add("matrix __V = r(V)");
            l.add("local __names : colnames __b");
            l.add("local __j = 0");
            l.add("foreach __n of local __names {");
            l.add("    local ++__j");
            l.add("    if regexm(\"`__n'\", \"^t([mp])([0-9]+)$\") {");
            l.add("        local __k = cond(regexs(1) == \"m\", -real(regexs(2)), real(regexs(2)))");
            l.add("        post `pf' (" + id + ") (\"rel_time::`__k'\") (__b[1,`__j']) (sqrt(__V[`__j',`__j']))");
            l.add("    }");
            l.add("}");
            return l;
        }
        if (m.kind() == ReplicatedModel.Kind.SUN_ABRAHAM) {
            l.add("gen double __y = " + tr.expression(Expression.parse(m.did().outcome())));
            l.add("gen byte __never = __cohort == 0");
            List<String> cov = new ArrayList<>();
            for (String c : m.did().controls()) {
                String h = "__x" + (cov.size() + 1);
                l.add("gen double " + h + " = " + tr.expression(Expression.parse(c)));
                cov.add(h);
            }
            List<String> rel = new ArrayList<>();
            for (String term : m.terms()) {
                if (term.startsWith("rel_time::")) {
                    String k = term.substring("rel_time::".length());
                    String v = "__l" + (rel.size() + 1);
                    l.add("gen byte " + v + " = __rt == " + k + "   // " + term);
                    rel.add(v);
                }
            }
            l.add("egen long __f1 = group(" + unit + ")");
            l.add("egen long __f2 = group(" + time + ")");
            l.add("eventstudyinteract __y " + String.join(" ", rel) + ", cohort(__cohort) control_cohort(__never)"
                    + (cov.isEmpty() ? "" : " covariates(" + String.join(" ", cov) + ")")
                    + " absorb(__f1 __f2) vce(cluster __f1)");
            l.add("matrix __b = e(b_iw)");
            l.add("matrix __V = e(V_iw)");
            int j = 0;
            for (String term : m.terms()) {
                if (term.startsWith("rel_time::")) {
                    j++;
                    l.add("post `pf' (" + id + ") (" + stataString(term) + ") (__b[1," + j + "]) (sqrt(__V[" + j + "," + j + "]))");
                }
            }
            l.add("* (the ATT aggregate and the controls' coefficients are not part of eventstudyinteract's output)");
            return l;
        }
        Formula f = Formula.parse(m.formula());
        l.add("gen double __y = " + tr.expression(f.dependent()));
        Map<String, String> termVariables = new LinkedHashMap<>();
        for (FormulaTerm t : f.regressors()) {
            if (t instanceof DummyTerm d) {
                for (String term : m.terms()) {
                    String prefix = d.variable() + "::";
                    if (!term.startsWith(prefix)) {
                        continue;
                    }
                    String level = term.substring(prefix.length());
                    if (d.slope() != null) {
                        level = level.substring(0, level.length() - d.slope().text().length() - 1);
                    }
                    String v = "__x" + (termVariables.size() + 1);
                    String var = names.get(d.variable());
                    String eq = textColumns.contains(d.variable()) ? var + " == " + stataString(level) : var + " == " + level;
                    l.add("gen double " + v + " = (" + eq + ")" + (d.slope() == null ? "" : " * (" + tr.expression(d.slope()) + ")"));
                    termVariables.put(term, v);
                }
                continue;
            }
            String v = "__x" + (termVariables.size() + 1);
            l.add("gen double " + v + " = " + termExpression(t, tr));
            termVariables.put(t.text(), v);
        }
        List<String> endo = new ArrayList<>();
        for (Expression e : f.endogenous()) {
            String v = "__e" + (endo.size() + 1);
            l.add("gen double " + v + " = " + tr.expression(e));
            termVariables.put(e.text(), v);
            endo.add(v);
        }
        List<String> inst = new ArrayList<>();
        for (Expression e : f.instruments()) {
            String v = "__z" + (inst.size() + 1);
            l.add("gen double " + v + " = " + tr.expression(e));
            inst.add(v);
        }
        List<String> fe = new ArrayList<>();
        for (FixedEffectTerm t : f.fixedEffects()) {
            String v = "__f" + (fe.size() + 1);
            l.add("egen long " + v + " = group(" + t.variables().stream().map(names::get).collect(Collectors.joining(" ")) + ")");
            fe.add(v);
        }
        List<String> clusters = new ArrayList<>();
        for (String c : m.vcov().by()) {
            String v = "__c" + (clusters.size() + 1);
            l.add("egen long " + v + " = group(" + names.get(c) + ")");
            clusters.add(v);
        }
        String condition = sample(m.sample(), names, textColumns, tr, l);
        String exog = String.join(" ", termVariables.entrySet().stream()
                .filter(e -> !endo.contains(e.getValue())).map(Map.Entry::getValue).toList());
        String weights = m.weights() == null || m.weights().isBlank() ? "" : " [aweight = " + names.get(m.weights()) + "]";
        String absorb = fe.isEmpty() ? "noabsorb" : "absorb(" + String.join(" ", fe) + ")";
        String singletons = m.dropSingletons() ? "" : " keepsingletons";
        boolean iv = f.isInstrumental();
        boolean dk = "driscoll-kraay".equals(m.vcov().type());
        if (iv || dk) {
            String varlist = "__y " + exog + (iv ? " (" + String.join(" ", endo) + " = " + String.join(" ", inst) + ")" : "");
            l.add("ivreghdfe " + varlist + condition + weights + ", " + absorb + " " + ivVcov(m.vcov(), clusters) + " small");
        } else {
            l.add("reghdfe __y " + exog + condition + weights + ", " + absorb + " " + vce(m.vcov(), clusters) + singletons);
        }
        termVariables.forEach((term, v) -> l.add("pf_post `pf' " + id + " " + stataString(term) + " " + v));
        return l;
    }

    private static String termExpression(FormulaTerm t, StataTranslation tr) {
        if (t instanceof ExpressionTerm e) {
            return tr.expression(e.expression());
        }
        return ((InteractionTerm) t).factors().stream().map(x -> "(" + tr.expression(x) + ")").collect(Collectors.joining(" * "));
    }

    private static String sample(SampleRule s, Map<String, String> names, Set<String> textColumns, StataTranslation tr,
                                 List<String> l) {
        if (s instanceof SampleRule.Excluding ex) {
            List<String> c = new ArrayList<>();
            ex.values().forEach((column, values) -> values.forEach(v -> c.add(names.get(column) + " != "
                    + (textColumns.contains(column) ? stataString(v) : v))));
            l.add("gen byte __s = " + String.join(" & ", c));
            return " if __s";
        }
        if (s instanceof SampleRule.ValueGroup g) {
            String by = names.getOrDefault(g.by(), g.by());
            l.add("gen byte __s = " + by + " == " + (textColumns.contains(g.by()) ? stataString(g.value()) : g.value()));
            return " if __s";
        }
        if (s instanceof SampleRule.Interval i) {
            String v = tr.expression(Expression.parse(i.by()));
            List<String> c = new ArrayList<>();
            c.add("!missing(" + v + ")");
            if (i.lower() != null) {
                c.add(v + " > " + RReplicationScript.number(i.lower()));
            }
            if (i.upper() != null) {
                c.add(v + " <= " + RReplicationScript.number(i.upper()));
            }
            l.add("gen byte __s = " + String.join(" & ", c));
            return " if __s";
        }
        if (s instanceof SampleRule.SameRowsAs same) {
            Formula full = Formula.parse(same.formula());
            List<String> parts = new ArrayList<>();
            parts.add(tr.expression(full.dependent()));
            for (FormulaTerm t : full.regressors()) {
                if (!(t instanceof DummyTerm)) {
                    parts.add(termExpression(t, tr));
                }
            }
            full.endogenous().forEach(e -> parts.add(tr.expression(e)));
            full.instruments().forEach(e -> parts.add(tr.expression(e)));
            l.add("gen byte __s = !missing(" + String.join(", ", parts) + ")   // the rows of " + same.formula());
            return " if __s";
        }
        return "";
    }

    private static String vce(VcovInfo v, List<String> clusters) {
        return switch (v.type()) {
            case "iid" -> "vce(unadjusted)";
            case "hetero" -> "vce(robust)";
            case "cluster" -> "vce(cluster " + String.join(" ", clusters) + ")";
            default -> throw new IllegalArgumentException("vcov " + v.type());
        };
    }

    private static String ivVcov(VcovInfo v, List<String> clusters) {
        return switch (v.type()) {
            case "iid" -> "";
            case "hetero" -> "robust";
            case "cluster" -> "cluster(" + String.join(" ", clusters) + ")";
            case "driscoll-kraay" -> "dkraay(" + ((v.lag() == null ? 0 : v.lag()) + 1) + ")";
            default -> throw new IllegalArgumentException("vcov " + v.type());
        };
    }

    /** A Stata compound-quoted string, safe for any text without the sequence "'. */
    static String stataString(String s) {
        return "`\"" + s.replace("\n", " ") + "\"'";
    }
}
