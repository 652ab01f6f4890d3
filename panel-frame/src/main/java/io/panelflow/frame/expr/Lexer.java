package io.panelflow.frame.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits expression and formula text into tokens: numbers ({@code 12}, {@code 0.5}, {@code 1e-4}),
 * names (letters, digits, {@code _} and {@code .}, starting with a letter, {@code _} or {@code .}; or
 * any text in backquotes), quoted strings ({@code "east"}, used by formula options), and the symbols {@code + - * / ^ ( ) , ~ | : =}. Whitespace separates tokens.
 */
public final class Lexer {
    private static final String SYMBOLS = "+-*/^(),~|:=";

    private Lexer() {
    }

    public static List<Token> tokenize(String source) {
        if (source == null || source.isBlank()) {
            throw new ExpressionException("empty expression", 0, "");
        }
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(source.charAt(i + 1)))) {
                int start = i;
                while (i < n && (Character.isDigit(source.charAt(i)) || source.charAt(i) == '.')) {
                    i++;
                }
                if (i < n && (source.charAt(i) == 'e' || source.charAt(i) == 'E')) {
                    int j = i + 1;
                    if (j < n && (source.charAt(j) == '+' || source.charAt(j) == '-')) {
                        j++;
                    }
                    if (j < n && Character.isDigit(source.charAt(j))) {
                        i = j;
                        while (i < n && Character.isDigit(source.charAt(i))) {
                            i++;
                        }
                    }
                }
                String text = source.substring(start, i);
                try {
                    Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new ExpressionException("malformed number '" + text + "' at position " + (start + 1)
                            + " in '" + source + "'", start + 1, text);
                }
                out.add(new Token(Token.Kind.NUMBER, text, start + 1, false));
            } else if (Character.isLetter(c) || c == '_' || c == '.') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(source.charAt(i)) || source.charAt(i) == '_'
                        || source.charAt(i) == '.')) {
                    i++;
                }
                out.add(new Token(Token.Kind.NAME, source.substring(start, i), start + 1, false));
            } else if (c == '`') {
                int end = source.indexOf('`', i + 1);
                if (end < 0) {
                    throw new ExpressionException("unclosed '`' at position " + (i + 1) + " in '" + source + "'",
                            i + 1, "`");
                }
                if (end == i + 1) {
                    throw new ExpressionException("empty name '``' at position " + (i + 1) + " in '" + source + "'",
                            i + 1, "``");
                }
                out.add(new Token(Token.Kind.NAME, source.substring(i + 1, end), i + 1, true));
                i = end + 1;
            } else if (c == '"' || c == '\'') {
                int end = source.indexOf(c, i + 1);
                if (end < 0) {
                    throw new ExpressionException("unclosed " + c + " at position " + (i + 1) + " in '" + source + "'",
                            i + 1, String.valueOf(c));
                }
                out.add(new Token(Token.Kind.STRING, source.substring(i + 1, end), i + 1, true));
                i = end + 1;
            } else if (SYMBOLS.indexOf(c) >= 0) {
                out.add(new Token(Token.Kind.SYMBOL, String.valueOf(c), i + 1, false));
                i++;
            } else {
                throw new ExpressionException("unexpected '" + c + "' at position " + (i + 1) + " in '" + source + "'",
                        i + 1, String.valueOf(c));
            }
        }
        out.add(new Token(Token.Kind.END, "", n + 1, false));
        return out;
    }
}
