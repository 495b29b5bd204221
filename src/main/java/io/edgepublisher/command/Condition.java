package io.edgepublisher.command;

import java.math.BigDecimal;
import java.util.List;

/**
 * Evaluates {@code if} conditions (COMMANDS.md §1.9): operands are variables, quoted or bare literals; comparisons
 * {@code == != < > <= >=} are numeric when both sides are numbers, else case-sensitive text comparisons; a bare
 * operand is true when defined and not empty; {@code not}, {@code and} (tighter) and {@code or}; parentheses.
 * Undefined operands compare as the empty string; a failed typed conversion makes its comparison false.
 */
public final class Condition {
    private final List<Token> tokens;
    private final VariableResolver resolver;
    private final String text;
    private int pos;

    private Condition(String text, VariableResolver resolver) {
        this.text = text;
        this.tokens = Tokenizer.tokenize(text);
        this.resolver = resolver;
    }

    public static boolean evaluate(String text, VariableResolver resolver) {
        Condition c;
        try {
            c = new Condition(text, resolver);
        } catch (CommandException e) {
            throw fail(text, e.detail());
        }
        if (c.tokens.isEmpty()) {
            throw fail(text, "empty condition");
        }
        boolean r = c.or();
        if (c.pos != c.tokens.size()) {
            throw fail(text, "unexpected '" + c.tokens.get(c.pos).text() + "'");
        }
        return r;
    }

    private boolean or() {
        boolean r = and();
        while (pos < tokens.size() && tokens.get(pos).is("or")) {
            pos++;
            boolean right = and();
            r = r || right;
        }
        return r;
    }

    private boolean and() {
        boolean r = unary();
        while (pos < tokens.size() && tokens.get(pos).is("and")) {
            pos++;
            boolean right = unary();
            r = r && right;
        }
        return r;
    }

    private boolean unary() {
        if (pos < tokens.size() && tokens.get(pos).is("not")) {
            pos++;
            return !unary();
        }
        return comparison();
    }

    private static final Object FAILED = new Object();

    private boolean comparison() {
        if (pos >= tokens.size()) {
            throw fail(text, "missing operand");
        }
        Token first = tokens.get(pos);
        if (first.kind() == Token.Kind.PAREN) {
            pos++;
            return evaluate(first.inner(), resolver);
        }
        Object left = operand(tokens.get(pos++));
        if (pos < tokens.size() && tokens.get(pos).kind() == Token.Kind.OPERATOR) {
            String op = tokens.get(pos++).text();
            if (pos >= tokens.size()) {
                throw fail(text, "missing operand after '" + op + "'");
            }
            Object right = operand(tokens.get(pos++));
            if (left == FAILED || right == FAILED) {
                return false;
            }
            return compare((String) left, op, (String) right);
        }
        if (left == FAILED) {
            return false;
        }
        return first.isVariable() ? left != null && !((String) left).isEmpty() : !((String) left).isEmpty();
    }

    private Object operand(Token t) {
        if (t.kind() == Token.Kind.OPERATOR || t.kind() == Token.Kind.PAREN) {
            throw fail(text, "operand expected at '" + t.text() + "'");
        }
        if (!t.isVariable()) {
            return t.text();
        }
        try {
            String v = resolver.resolve(t);
            return v == null ? "" : v;
        } catch (CommandException e) {
            return FAILED;
        }
    }

    private boolean compare(String a, String op, String b) {
        int cmp;
        BigDecimal na = number(a);
        BigDecimal nb = number(b);
        if (na != null && nb != null) {
            cmp = na.compareTo(nb);
        } else {
            cmp = a.compareTo(b);
        }
        switch (op) {
            case "==":
            case "=":
                return cmp == 0;
            case "!=":
                return cmp != 0;
            case "<":
                return cmp < 0;
            case ">":
                return cmp > 0;
            case "<=":
                return cmp <= 0;
            case ">=":
                return cmp >= 0;
            default:
                throw fail(text, "unknown operator '" + op + "'");
        }
    }

    private static BigDecimal number(String s) {
        String t = s.trim();
        if (t.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static CommandException fail(String text, String why) {
        return new CommandException(ErrorCode.IF_CONDITION, "Condition '" + text.trim() + "': " + why);
    }
}
