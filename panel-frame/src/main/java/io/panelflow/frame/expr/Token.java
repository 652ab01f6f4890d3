package io.panelflow.frame.expr;

/**
 * One lexical token of an expression or formula.
 *
 * @param kind     what it is
 * @param text     the token's text; for a backquoted name, the name without the backquotes
 * @param position 1-based character position of its first character in the source
 * @param quoted   whether a name was written in backquotes
 */
public record Token(Kind kind, String text, int position, boolean quoted) {

    public enum Kind {
        NUMBER, NAME, SYMBOL, END
    }

    public boolean is(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    public boolean isName() {
        return kind == Kind.NAME;
    }
}
