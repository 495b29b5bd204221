package io.edgepublisher.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one logical command line into words by COMMANDS.md §1.1: white space separates; the operators
 * {@code = == != < > <= >= +} are words of their own; balanced {@code {…}} and {@code […]} groups stay inside one
 * word (so {@code [operator][name]} and {@code file_name[0]} are single words); a {@code (…)} group that starts a
 * word is one word; {@code "…"} loses its quotes, {@code '…'} and {@code `…`} keep them; {@code #} at the start of a
 * word comments out the rest of the line.
 */
public final class Tokenizer {
    private final String s;
    private int pos;
    private final List<Token> out = new ArrayList<>();

    private Tokenizer(String line) {
        this.s = line;
    }

    public static List<Token> tokenize(String line) {
        Tokenizer t = new Tokenizer(line);
        t.run();
        return t.out;
    }

    private void run() {
        while (true) {
            skipSpace();
            if (pos >= s.length()) {
                return;
            }
            char c = s.charAt(pos);
            int start = pos;
            if (c == '#') {
                return;
            }
            String op = operatorAt(pos);
            if (op != null) {
                pos += op.length();
                out.add(new Token(op, Token.Kind.OPERATOR, start, pos));
            } else if (c == '"') {
                int close = findQuoteEnd(pos, '"');
                out.add(new Token(s.substring(pos + 1, close), Token.Kind.DOUBLE_QUOTED, start, close + 1));
                pos = close + 1;
            } else if (c == '\'' || c == '`') {
                int close = findQuoteEnd(pos, c);
                out.add(new Token(s.substring(pos, close + 1), Token.Kind.SINGLE_QUOTED, start, close + 1));
                pos = close + 1;
            } else if (c == '(') {
                int close = groupEnd(pos);
                out.add(new Token(s.substring(pos, close + 1), Token.Kind.PAREN, start, close + 1));
                pos = close + 1;
            } else {
                word();
            }
        }
    }

    private void word() {
        int start = pos;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (isSpace(c)) {
                break;
            }
            if (c == '{' || c == '[') {
                pos = groupEnd(pos) + 1;
                continue;
            }
            if (pos > start && operatorAt(pos) != null) {
                break;
            }
            pos++;
        }
        out.add(new Token(s.substring(start, pos), Token.Kind.WORD, start, pos));
    }

    /**
     * An operator at {@code i}, or null. {@code !} followed by {@code =} is the operator; {@code !} before a letter
     * starts a variable.
     */
    private String operatorAt(int i) {
        char c = s.charAt(i);
        char n = i + 1 < s.length() ? s.charAt(i + 1) : '\0';
        switch (c) {
            case '=':
                return n == '=' ? "==" : "=";
            case '!':
                return n == '=' ? "!=" : null;
            case '<':
                return n == '=' ? "<=" : "<";
            case '>':
                return n == '=' ? ">=" : ">";
            case '+':
                return "+";
            default:
                return null;
        }
    }

    /** The index of the bracket closing the group opened at {@code open}; quotes inside are respected. */
    private int groupEnd(int open) {
        int depth = 0;
        int i = open;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                i = findQuoteEnd(i, c) + 1;
                continue;
            }
            if (c == '{' || c == '[' || c == '(') {
                depth++;
            } else if (c == '}' || c == ']' || c == ')') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
            i++;
        }
        throw new CommandException(ErrorCode.COMMAND_STRUCTURE,
            "Unbalanced '" + s.charAt(open) + "' at position " + open + " in: " + s);
    }

    private int findQuoteEnd(int open, char q) {
        int i = open + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && q == '"' && i + 1 < s.length()) {
                i += 2;
                continue;
            }
            if (c == q) {
                return i;
            }
            i++;
        }
        throw new CommandException(ErrorCode.COMMAND_STRUCTURE,
            "Missing closing " + q + " for the quote at position " + open + " in: " + s);
    }

    private void skipSpace() {
        while (pos < s.length() && isSpace(s.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
