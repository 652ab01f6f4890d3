package io.panelflow.frame.expr;

import io.panelflow.frame.PanelFrame;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * An arithmetic expression over the columns of a {@link PanelFrame}, evaluated row by row into a
 * numeric column. Grammar (precedence from low to high):
 *
 * <pre>
 *   expr    := term (('+' | '-') term)*
 *   term    := unary (('*' | '/') unary)*
 *   unary   := '-' unary | power
 *   power   := primary ('^' unary)?              (right-associative, binds tighter than unary minus)
 *   primary := number | name | `any name` | '(' expr ')' | function '(' args ')'
 * </pre>
 *
 * Functions: {@code log, exp, sqrt, abs, I} (identity, as in R formulas); panel operators within unit by
 * time {@code l(x, k)} = x(i, t−k), {@code f(x, k)} = x(i, t+k), {@code d(x, k)} = x(i, t) − x(i, t−k)
 * (k defaults to 1; a missing (unit, time) row gives NaN, never the previous row); the shift-share
 * instrument {@code bartik(x)} = x(i, t−1) · (x̄(t) − x̄(t−1)), x̄(t) the mean of x over the units with a
 * value in year t; and for an adoption-year column a of a staggered pilot: {@code treated(a)} = 1[a not
 * missing], {@code post(a)} = 1[a not missing and t ≥ a], {@code did(a)} = treated(a)·post(a),
 * {@code event_time(a)} = t − a (NaN when a is missing).
 *
 * <p>Evaluation gives NaN wherever an input is missing or non-finite or the result is non-finite
 * (log of a non-positive number, division by zero).
 */
public interface Expression {

    /** Parses a whole expression; throws {@link ExpressionException} naming the position and token. */
    static Expression parse(String source) {
        TokenStream tokens = new TokenStream(source);
        Expression e = new ExpressionParser(tokens).parseExpression();
        tokens.expectEnd();
        return e;
    }

    /** The data columns the expression reads, in order of appearance. */
    default Set<String> variables() {
        Set<String> out = new LinkedHashSet<>();
        collectVariables(out);
        return out;
    }

    void collectVariables(Set<String> out);

    /** One value per row of the frame; NaN where undefined. Throws for unknown or text columns. */
    default double[] evaluate(PanelFrame frame) {
        return evaluate(new EvaluationContext(frame));
    }

    double[] evaluate(EvaluationContext context);

    /** The normalized source text, as R deparses it: {@code log(price/cpi)}, {@code l(DT, 1)}, {@code a * b}. */
    String text();

    /** The same expression with column names replaced (names not in the map stay). */
    Expression renameColumns(Map<String, String> renames);

    /** Whether this is a bare column reference. */
    default boolean isColumn() {
        return this instanceof ColumnReference;
    }
}
