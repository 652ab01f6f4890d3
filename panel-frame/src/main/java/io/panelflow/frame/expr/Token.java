package io.panelflow.frame.expr;

/**
 * One lexical token of an expression or formula.
 *
 * @param kind     what it is
 * @param text     the token's text; for a backquoted name or a quoted string, without the quotes
 * @param position 1-based character position of its first character in the source
 * @param quoted   whether a name was written in backquotes
 */
public record Token(Kind kind, String text, int position, boolean quoted) {

    public enum Kind {
        NUMBER, NAME, STRING, SYMBOL, END
    }

    public boolean is(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    public boolean isName() {
        return kind == Kind.NAME;
    }
}
