package io.panelflow.frame.formula;

import io.panelflow.frame.expr.Expression;
import io.panelflow.frame.expr.ExpressionParser;
import io.panelflow.frame.expr.Token;
import io.panelflow.frame.expr.TokenStream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses fixest formulas:
 *
 * <pre>
 *   formula  := expr '~' rhs ('|' fixef)? ('|' iv)?
 *   rhs      := term (('+' | '-') term)*           ('0', '1', '- 1' set the intercept)
 *   term     := factor ((':' | '*') factor)*        (a*b = a + b + a:b)
 *   factor   := 'i' '(' name (',' operand)? (',' 'ref' '=' value)? ')' | operand
 *   fixef    := name ('^' name)* ('+' name ('^' name)*)*
 *   iv       := operand ('+' operand)* '~' operand ('+' operand)*
 * </pre>
 *
 * An operand is an expression without top-level {@code + - * /} (functions, columns, parentheses, powers):
 * arithmetic between columns belongs inside a function such as {@code I(a / b)} or {@code log(a / b)}.
 */
final class FormulaParser {
    private final TokenStream tokens;
    private final ExpressionParser expressions;

    FormulaParser(String source) {
        this.tokens = new TokenStream(source);
        this.expressions = new ExpressionParser(tokens);
    }

    Formula parse() {
        Expression dependent = expressions.parseExpression();
        tokens.expect("~");
        Rhs rhs = parseRhs();
        List<FixedEffectTerm> fixedEffects = new ArrayList<>();
        List<Expression> endogenous = new ArrayList<>();
        List<Expression> instruments = new ArrayList<>();
        if (tokens.accept("|")) {
            if (partHasTilde()) {
                parseIv(endogenous, instruments);
            } else {
                fixedEffects.addAll(parseFixedEffects());
                if (tokens.accept("|")) {
                    parseIv(endogenous, instruments);
                }
            }
        }
        tokens.expectEnd();
        return new Formula(dependent, rhs.terms, rhs.intercept, fixedEffects, endogenous, instruments);
    }

    /** The terms of a right-hand side written alone, e.g. {@code log(pgdp) + x*z}. */
    static List<FormulaTerm> parseTerms(String source) {
        FormulaParser p = new FormulaParser(source);
        Rhs rhs = p.parseRhs();
        p.tokens.expectEnd();
        return rhs.terms;
    }

    static FixedEffectTerm parseFixedEffect(String source) {
        FormulaParser p = new FormulaParser(source);
        List<FixedEffectTerm> fe = p.parseFixedEffects();
        p.tokens.expectEnd();
        if (fe.size() != 1) {
            throw p.tokens.error("expected one fixed effect", p.tokens.peek());
        }
        return fe.get(0);
    }

    private record Rhs(List<FormulaTerm> terms, boolean intercept) {
    }

    private Rhs parseRhs() {
        Map<String, FormulaTerm> terms = new LinkedHashMap<>();
        boolean intercept = true;
        boolean negate = false;
        while (true) {
            Token t = tokens.peek();
            if (t.kind() == Token.Kind.NUMBER && isTermEnd(tokens.peek(1))) {
                tokens.next();
                double v = Double.parseDouble(t.text());
                if (v == 0 && !negate) {
                    intercept = false;
                } else if (v == 1) {
                    intercept = !negate;
                } else {
                    throw tokens.error("a bare number can only be 0 or 1 (the intercept)", t);
                }
            } else {
                if (negate) {
                    throw tokens.error("removing terms other than the intercept is not supported", t);
                }
                for (FormulaTerm term : parseTerm()) {
                    terms.putIfAbsent(term.text(), term);
                }
            }
            if (tokens.accept("+")) {
                negate = false;
            } else if (tokens.accept("-")) {
                negate = true;
            } else {
                break;
            }
        }
        return new Rhs(new ArrayList<>(terms.values()), intercept);
    }

    private static boolean isTermEnd(Token t) {
        return t.kind() == Token.Kind.END || t.is("+") || t.is("-") || t.is("|");
    }

    /** A ':'/'*' chain, expanded: chunks joined by ':' form one product; '*' between chunks crosses them. */
    private List<FormulaTerm> parseTerm() {
        List<List<Object>> chunks = new ArrayList<>();
        List<Object> chunk = new ArrayList<>();
        chunk.add(parseFactor());
        while (tokens.peek().is(":") || tokens.peek().is("*")) {
            Token op = tokens.next();
            if (op.is("*")) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
            }
            chunk.add(parseFactor());
        }
        chunks.add(chunk);
        List<FormulaTerm> out = new ArrayList<>();
        int subsets = 1 << chunks.size();
        // R orders crossed terms by their order: main effects first, then two-way, ...
        for (int order = 1; order <= chunks.size(); order++) {
            for (int mask = 1; mask < subsets; mask++) {
                if (Integer.bitCount(mask) != order) {
                    continue;
                }
                List<Object> factors = new ArrayList<>();
                for (int c = 0; c < chunks.size(); c++) {
                    if ((mask & (1 << c)) != 0) {
                        factors.addAll(chunks.get(c));
                    }
                }
                out.add(toTerm(factors));
            }
        }
        return out;
    }

    private FormulaTerm toTerm(List<Object> factors) {
        if (factors.size() == 1) {
            return factors.get(0) instanceof DummyTerm d ? d : new ExpressionTerm((Expression) factors.get(0));
        }
        List<Expression> numeric = new ArrayList<>();
        for (Object f : factors) {
            if (f instanceof DummyTerm d) {
                throw new io.panelflow.frame.expr.ExpressionException(
                        "i(" + d.variable() + ") cannot be interacted with ':'; use i(" + d.variable() + ", x) in '"
                                + tokens.source() + "'", 0, d.variable());
            }
            numeric.add((Expression) f);
        }
        return new InteractionTerm(numeric);
    }

    private Object parseFactor() {
        Token t = tokens.peek();
        if (t.isName() && !t.quoted() && t.text().equals("i") && tokens.peek(1).is("(")) {
            return parseDummies();
        }
        return expressions.parseOperand();
    }

    private DummyTerm parseDummies() {
        tokens.next();
        tokens.expect("(");
        Token variable = tokens.next();
        if (!variable.isName()) {
            throw tokens.unexpected(variable);
        }
        Expression slope = null;
        List<String> references = new ArrayList<>();
        while (tokens.accept(",")) {
            Token t = tokens.peek();
            if (t.isName() && !t.quoted() && t.text().equals("ref") && tokens.peek(1).is("=")) {
                tokens.next();
                tokens.next();
                references.addAll(parseValues());
            } else if (slope == null && references.isEmpty()) {
                slope = expressions.parseOperand();
            } else {
                throw tokens.unexpected(t);
            }
        }
        tokens.expect(")");
        return new DummyTerm(variable.text(), slope, references);
    }

    /** A level or {@code c(level, ...)}: numbers (possibly negative), names or quoted strings. */
    private List<String> parseValues() {
        Token t = tokens.peek();
        if (t.isName() && !t.quoted() && t.text().equals("c") && tokens.peek(1).is("(")) {
            tokens.next();
            tokens.next();
            List<String> out = new ArrayList<>();
            do {
                out.add(parseValue());
            } while (tokens.accept(","));
            tokens.expect(")");
            return out;
        }
        return List.of(parseValue());
    }

    private String parseValue() {
        boolean negative = tokens.accept("-");
        Token t = tokens.next();
        if (t.kind() == Token.Kind.NUMBER) {
            return levelText((negative ? -1 : 1) * Double.parseDouble(t.text()));
        }
        if (!negative && (t.kind() == Token.Kind.STRING || t.isName())) {
            return t.text();
        }
        throw tokens.unexpected(t);
    }

    /** Numbers as panel keys print them: whole numbers without ".0". */
    static String levelText(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private List<FixedEffectTerm> parseFixedEffects() {
        List<FixedEffectTerm> out = new ArrayList<>();
        do {
            List<String> names = new ArrayList<>();
            names.add(fixedEffectName());
            while (tokens.accept("^")) {
                names.add(fixedEffectName());
            }
            out.add(new FixedEffectTerm(names));
        } while (tokens.accept("+"));
        return out;
    }

    private String fixedEffectName() {
        Token t = tokens.next();
        if (!t.isName() || tokens.peek().is("(")) {
            throw t.isName() ? tokens.error("a fixed effect must be a column name", t) : tokens.unexpected(t);
        }
        return t.text();
    }

    private void parseIv(List<Expression> endogenous, List<Expression> instruments) {
        do {
            endogenous.add(expressions.parseOperand());
        } while (tokens.accept("+"));
        tokens.expect("~");
        do {
            instruments.add(expressions.parseOperand());
        } while (tokens.accept("+"));
    }

    /** Whether a '~' comes before the next '|' (at parenthesis depth 0): then this part is the IV part. */
    private boolean partHasTilde() {
        int depth = 0;
        for (int ahead = 0; ; ahead++) {
            Token t = tokens.peek(ahead);
            if (t.kind() == Token.Kind.END) {
                return false;
            }
            if (t.is("(")) {
                depth++;
            } else if (t.is(")")) {
                depth--;
            } else if (depth == 0 && t.is("|")) {
                return false;
            } else if (depth == 0 && t.is("~")) {
                return true;
            }
        }
    }

}
