package io.panelflow.frame.expr;

/**
 * A malformed expression or formula, or one that cannot be evaluated on a frame (unknown column,
 * text column used as a number). {@link #position()} is the 1-based character position in the
 * source text, or 0 when the problem has no position (evaluation errors); {@link #token()} is the
 * offending token or column name.
 */
public class ExpressionException extends RuntimeException {
    private final int position;
    private final String token;

    public ExpressionException(String message, int position, String token) {
        super(message);
        this.position = position;
        this.token = token;
    }

    /** "unexpected ')' at position 9 in 'log(gdp))'". */
    public static ExpressionException unexpected(Token token, String source) {
        String shown = token.kind() == Token.Kind.END ? "end of input" : "'" + token.text() + "'";
        return new ExpressionException("unexpected " + shown + " at position " + token.position() + " in '" + source + "'",
                token.position(), token.text());
    }

    public static ExpressionException at(String what, Token token, String source) {
        return new ExpressionException(what + " at position " + token.position() + " in '" + source + "'",
                token.position(), token.text());
    }

    public int position() {
        return position;
    }

    public String token() {
        return token;
    }
}
