package io.edgepublisher.ledger.query;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code where} condition {@code <key> <op> <value>} of {@code blockchain get} (LEDGER.md §5.2), tested
 * against a policy's attribute object. The policy side may be a list (any element counts) or {@code *} (matches any
 * value); a policy without the attribute fails every condition on it.
 */
final class Condition {
    enum Op { EQ, NE, LT, GT, LE, GE, WITH }

    private final AttrPath key;
    private final Op op;
    private final String value;
    private final List<String> givenList;

    private Condition(AttrPath key, Op op, String value) {
        this.key = key;
        this.op = op;
        this.value = value;
        this.givenList = op == Op.WITH ? parseList(value) : List.of(value);
    }

    /**
     * @throws CommandException 2 for an unknown operator or malformed key
     */
    static Condition of(String key, String op, String value) {
        return new Condition(AttrPath.parseKey(key), operator(op), Words.unquote(value));
    }

    static boolean isOperator(String word) {
        try {
            operator(word);
            return true;
        } catch (CommandException e) {
            return false;
        }
    }

    private static Op operator(String op) {
        switch (op.toLowerCase(Locale.ROOT)) {
            case "=":
            case "==":
                return Op.EQ;
            case "!=":
                return Op.NE;
            case "<":
                return Op.LT;
            case ">":
                return Op.GT;
            case "<=":
                return Op.LE;
            case ">=":
                return Op.GE;
            case "with":
                return Op.WITH;
            default:
                throw new CommandException(ErrorCode.COMMAND_STRUCTURE,
                    "Unknown operator '" + op + "' in 'where' condition");
        }
    }

    /** {@code [a, b, c]} → its elements (quotes removed); any other text is a one-element list. */
    private static List<String> parseList(String v) {
        String s = v.trim();
        if (!s.startsWith("[") || !s.endsWith("]")) {
            return List.of(v);
        }
        List<String> out = new ArrayList<>();
        for (String part : s.substring(1, s.length() - 1).split(",")) {
            String p = Words.unquote(part.trim());
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    boolean test(Map<String, Object> attributes) {
        Object resolved = key.resolve(attributes, 0);
        if (resolved == AttrPath.MISSING) {
            return false;
        }
        List<Object> candidates = new ArrayList<>(4);
        AttrPath.flatten(resolved, candidates);
        switch (op) {
            case EQ:
            case WITH:
                for (Object c : candidates) {
                    for (String g : givenList) {
                        if (ValueText.matches(c, g)) {
                            return true;
                        }
                    }
                }
                return false;
            case NE:
                if (candidates.isEmpty()) {
                    return false;
                }
                for (Object c : candidates) {
                    if (ValueText.matches(c, value)) {
                        return false;
                    }
                }
                return true;
            default:
                for (Object c : candidates) {
                    Integer cmp = ValueText.compare(c, value);
                    if (cmp != null && holds(cmp)) {
                        return true;
                    }
                }
                return false;
        }
    }

    private boolean holds(int cmp) {
        switch (op) {
            case LT:
                return cmp < 0;
            case GT:
                return cmp > 0;
            case LE:
                return cmp <= 0;
            case GE:
                return cmp >= 0;
            default:
                throw new IllegalStateException(op.toString());
        }
    }
}
