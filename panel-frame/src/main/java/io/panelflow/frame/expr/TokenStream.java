package io.panelflow.frame.expr;

import java.util.List;

/** A cursor over the tokens of one source text, shared by the expression and the formula parser. */
public final class TokenStream {
    private final List<Token> tokens;
    private final String source;
    private int next;

    public TokenStream(String source) {
        this.source = source;
        this.tokens = Lexer.tokenize(source);
    }

    public String source() {
        return source;
    }

    public Token peek() {
        return tokens.get(next);
    }

    public Token peek(int ahead) {
        return tokens.get(Math.min(next + ahead, tokens.size() - 1));
    }

    public Token next() {
        Token t = tokens.get(next);
        if (t.kind() != Token.Kind.END) {
            next++;
        }
        return t;
    }

    public boolean accept(String symbol) {
        if (peek().is(symbol)) {
            next++;
            return true;
        }
        return false;
    }

    public Token expect(String symbol) {
        Token t = peek();
        if (!t.is(symbol)) {
            throw unexpected(t);
        }
        return next();
    }

    public boolean atEnd() {
        return peek().kind() == Token.Kind.END;
    }

    public void expectEnd() {
        if (!atEnd()) {
            throw unexpected(peek());
        }
    }

    public ExpressionException unexpected(Token t) {
        return ExpressionException.unexpected(t, source);
    }

    public ExpressionException error(String what, Token t) {
        return ExpressionException.at(what, t, source);
    }
}
