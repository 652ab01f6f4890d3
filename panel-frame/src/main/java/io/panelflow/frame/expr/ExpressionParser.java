package io.panelflow.frame.expr;

import io.panelflow.model.text.NearestName;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser of the grammar documented on {@link Expression}. The formula parser uses
 * {@link #parseExpression()} for whole expressions and {@link #parseOperand()} for a factor of a formula
 * term (a unary/power/primary expression: no top-level {@code + - * /}, which mean other things in formulas).
 */
public final class ExpressionParser {
    /** Every function an expression may call, for "did you mean". */
    static final List<String> FUNCTIONS = List.of("log", "exp", "sqrt", "abs", "I", "l", "f", "d", "bartik",
            "treated", "post", "did", "event_time");

    private final TokenStream tokens;

    public ExpressionParser(TokenStream tokens) {
        this.tokens = tokens;
    }

    /** expr := term (('+' | '-') term)*. */
    public Expression parseExpression() {
        Expression left = parseTerm();
        while (tokens.peek().is("+") || tokens.peek().is("-")) {
            char op = tokens.next().text().charAt(0);
            left = new BinaryOperation(op, left, parseTerm());
        }
        return left;
    }

    private Expression parseTerm() {
        Expression left = parseOperand();
        while (tokens.peek().is("*") || tokens.peek().is("/")) {
            char op = tokens.next().text().charAt(0);
            left = new BinaryOperation(op, left, parseOperand());
        }
        return left;
    }

    /** unary := '-' unary | power; power := primary ('^' unary)?. */
    public Expression parseOperand() {
        if (tokens.accept("-")) {
            return new Negation(parseOperand());
        }
        Expression base = parsePrimary();
        if (tokens.accept("^")) {
            return new BinaryOperation('^', base, parseOperand());
        }
        return base;
    }

    private Expression parsePrimary() {
        Token t = tokens.peek();
        switch (t.kind()) {
            case NUMBER -> {
                tokens.next();
                return new NumberLiteral(Double.parseDouble(t.text()), t.text());
            }
            case NAME -> {
                tokens.next();
                if (!t.quoted() && tokens.peek().is("(")) {
                    return parseCall(t);
                }
                return new ColumnReference(t.text(), t.position());
            }
            case SYMBOL -> {
                if (t.is("(")) {
                    tokens.next();
                    Expression inner = parseExpression();
                    tokens.expect(")");
                    return new Parenthesized(inner);
                }
                throw tokens.unexpected(t);
            }
            default -> throw tokens.unexpected(t);
        }
    }

    private Expression parseCall(Token name) {
        tokens.expect("(");
        List<Expression> args = new ArrayList<>();
        List<Token> argStarts = new ArrayList<>();
        if (!tokens.peek().is(")")) {
            do {
                argStarts.add(tokens.peek());
                args.add(parseExpression());
            } while (tokens.accept(","));
        }
        Token close = tokens.peek();
        tokens.expect(")");
        String f = name.text();
        if (MathFunction.isName(f)) {
            requireArguments(name, args, 1, 1, close);
            return new MathFunction(f, args.get(0));
        }
        if (PanelShift.isName(f)) {
            requireArguments(name, args, 1, 2, close);
            int k = args.size() == 2 ? wholeNumber(args.get(1), argStarts.get(1)) : 1;
            return new PanelShift(f, args.get(0), k);
        }
        if (f.equals("bartik")) {
            requireArguments(name, args, 1, 1, close);
            return new ShiftShareInstrument(args.get(0));
        }
        if (AdoptionIndicator.isName(f)) {
            requireArguments(name, args, 1, 1, close);
            return new AdoptionIndicator(f, args.get(0));
        }
        throw tokens.error("unknown function '" + f + "'" + NearestName.suggestion(f, FUNCTIONS)
                + " (the functions are " + String.join(", ", FUNCTIONS) + ")", name);
    }

    private void requireArguments(Token name, List<Expression> args, int min, int max, Token close) {
        if (args.size() < min || args.size() > max) {
            String expected = min == max ? String.valueOf(min) : min + " or " + max;
            throw tokens.error("function '" + name.text() + "' takes " + expected + " argument"
                    + (max == 1 ? "" : "s") + ", got " + args.size(), name);
        }
    }

    private int wholeNumber(Expression e, Token at) {
        double v;
        if (e instanceof NumberLiteral n) {
            v = n.value();
        } else if (e instanceof Negation neg && neg.operand() instanceof NumberLiteral n) {
            v = -n.value();
        } else {
            throw tokens.error("the number of periods must be a whole number", at);
        }
        if (v != Math.rint(v) || Math.abs(v) > 1000) {
            throw tokens.error("the number of periods must be a whole number", at);
        }
        return (int) v;
    }
}
