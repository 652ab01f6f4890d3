package io.panelflow.frame.formula;

import io.panelflow.frame.expr.Expression;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A regression formula in R fixest's syntax:
 * {@code y ~ x1 + x2 | fe1 + fe2 | endo ~ inst1 + inst2}, where the fixed-effect part and the IV part
 * are optional ({@code y ~ x | endo ~ inst} is IV without fixed effects). Terms allow arithmetic inside
 * functions ({@code log(price/cpi)}, {@code I(fatal / pop * 10000)}), interactions {@code x:z} and
 * {@code x*z} (= x + z + x:z), categorical dummies {@code i(var, ref = r)}; fixed effects may be
 * interacted ({@code region^year}). {@code 0} or {@code - 1} removes the intercept of a model without
 * fixed effects.
 *
 * @param dependent    the left-hand side
 * @param regressors   exogenous right-hand-side terms, expanded (x*z gives x, z, x:z), in order, without duplicates
 * @param intercept    whether a model without fixed effects has an intercept
 * @param fixedEffects absorbed fixed-effect dimensions
 * @param endogenous   IV: endogenous regressors (empty for OLS)
 * @param instruments  IV: excluded instruments
 */
public record Formula(Expression dependent, List<FormulaTerm> regressors, boolean intercept,
                      List<FixedEffectTerm> fixedEffects, List<Expression> endogenous, List<Expression> instruments) {

    public Formula {
        regressors = List.copyOf(regressors);
        fixedEffects = List.copyOf(fixedEffects);
        endogenous = List.copyOf(endogenous);
        instruments = List.copyOf(instruments);
    }

    /** Parses a formula; throws {@link io.panelflow.frame.expr.ExpressionException} naming the position and token. */
    public static Formula parse(String source) {
        return new FormulaParser(source).parse();
    }

    public boolean isInstrumental() {
        return !endogenous.isEmpty();
    }

    /** Every data column the formula reads (dependent, regressors, fixed effects, IV part), in order of appearance. */
    public Set<String> variables() {
        Set<String> out = new LinkedHashSet<>();
        dependent.collectVariables(out);
        regressors.forEach(t -> t.collectVariables(out));
        fixedEffects.forEach(fe -> out.addAll(fe.variables()));
        endogenous.forEach(e -> e.collectVariables(out));
        instruments.forEach(e -> e.collectVariables(out));
        return out;
    }

    /** The normalized formula text, e.g. {@code log(gsp) ~ log(pcap) + unemp | state + year}. */
    public String text() {
        StringBuilder b = new StringBuilder(dependent.text()).append(" ~ ");
        List<String> rhs = new ArrayList<>();
        if (!intercept && fixedEffects.isEmpty()) {
            rhs.add("0");
        }
        regressors.forEach(t -> rhs.add(t.text()));
        if (rhs.isEmpty()) {
            rhs.add("1");
        }
        b.append(String.join(" + ", rhs));
        if (!fixedEffects.isEmpty()) {
            b.append(" | ").append(fixedEffects.stream().map(FixedEffectTerm::text).collect(Collectors.joining(" + ")));
        }
        if (isInstrumental()) {
            b.append(" | ").append(endogenous.stream().map(Expression::text).collect(Collectors.joining(" + ")))
                    .append(" ~ ").append(instruments.stream().map(Expression::text).collect(Collectors.joining(" + ")));
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return text();
    }

    public Formula withDependent(Expression newDependent) {
        return new Formula(newDependent, regressors, intercept, fixedEffects, endogenous, instruments);
    }

    public Formula withRegressors(List<FormulaTerm> newRegressors) {
        return new Formula(dependent, newRegressors, intercept, fixedEffects, endogenous, instruments);
    }

    /** Adds terms (each parsed as a formula right-hand side, e.g. {@code log(pgdp)} or {@code x*z}) after the existing ones. */
    public Formula withAddedRegressors(List<String> terms) {
        List<FormulaTerm> out = new ArrayList<>(regressors);
        for (String t : terms) {
            for (FormulaTerm parsed : FormulaParser.parseTerms(t)) {
                if (out.stream().noneMatch(o -> o.text().equals(parsed.text()))) {
                    out.add(parsed);
                }
            }
        }
        return withRegressors(out);
    }

    /** Adds fixed-effect dimensions such as {@code province^year}. */
    public Formula withAddedFixedEffects(List<String> dimensions) {
        List<FixedEffectTerm> out = new ArrayList<>(fixedEffects);
        for (String d : dimensions) {
            FixedEffectTerm fe = FormulaParser.parseFixedEffect(d);
            if (out.stream().noneMatch(o -> o.text().equals(fe.text()))) {
                out.add(fe);
            }
        }
        return new Formula(dependent, regressors, intercept, out, endogenous, instruments);
    }

    /** The same formula with data columns renamed everywhere ({@code {DT: DT_pca}}). */
    public Formula renameColumns(Map<String, String> renames) {
        return new Formula(dependent.renameColumns(renames),
                regressors.stream().map(t -> t.renameColumns(renames)).toList(), intercept,
                fixedEffects.stream().map(fe -> fe.renameColumns(renames)).toList(),
                endogenous.stream().map(e -> e.renameColumns(renames)).toList(),
                instruments.stream().map(e -> e.renameColumns(renames)).toList());
    }
}
