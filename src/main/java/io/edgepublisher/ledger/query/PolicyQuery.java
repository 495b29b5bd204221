package io.edgepublisher.ledger.query;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.ledger.LedgerSnapshot;
import io.edgepublisher.ledger.Policy;
import io.edgepublisher.ledger.routing.NodeAddressRule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A parsed {@code blockchain get} query (LEDGER.md §5): policy types, {@code where} conditions and an optional
 * {@code bring}. Immutable and reusable.
 *
 * <pre>
 * PolicyQuery q = PolicyQuery.parse(List.of("operator", "where", "company", "=", "barstest", "bring.ip_port"));
 * String out = q.evaluate(ledger.snapshot(), addressRule).text();
 * </pre>
 */
public final class PolicyQuery {
    private final Set<String> types;
    private final List<Condition> conditions;
    private final Bring bring;

    private PolicyQuery(Set<String> types, List<Condition> conditions, Bring bring) {
        this.types = types;
        this.conditions = conditions;
        this.bring = bring;
    }

    /**
     * Parses the words after {@code blockchain get}, as the tokenizer produced them (COMMANDS.md §1.1): operators
     * are separate words, {@code [..]}/{@code (..)} groups are single words, variables are substituted.
     *
     * @throws CommandException 2 for a malformed query, 237 for AnyLog features we do not support
     *                          ({@code or}, bracketed conditions, {@code bring.list/null/children/sort})
     */
    public static PolicyQuery parse(List<String> words) {
        if (words.isEmpty()) {
            throw structure("Missing policy type after: 'blockchain get'");
        }
        Set<String> types = types(words.get(0));
        List<Condition> conditions = new ArrayList<>();
        int i = 1;
        int n = words.size();
        if (i < n && Words.is(words.get(i), "where")) {
            i = conditions(words, i + 1, conditions);
        }
        Bring bring = null;
        if (i < n) {
            if (!isBring(words.get(i))) {
                throw structure("Unexpected word '" + words.get(i) + "' in 'blockchain get' command");
            }
            bring = Bring.parse(words.get(i), words.subList(i + 1, n));
        }
        return new PolicyQuery(types, List.copyOf(conditions), bring);
    }

    /** {@code *} → null (all types); {@code (a, b)} → its names; otherwise the single type. */
    private static Set<String> types(String word) {
        if (word.equals("*")) {
            return null;
        }
        if (!word.startsWith("(")) {
            return Set.of(Words.unquote(word));
        }
        if (!word.endsWith(")")) {
            throw structure("Missing ')' in the policy types: '" + word + "'");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String t : word.substring(1, word.length() - 1).split(",")) {
            String type = Words.unquote(t.trim());
            if (type.equals("*")) {
                return null;
            }
            if (!type.isEmpty()) {
                out.add(type);
            }
        }
        if (out.isEmpty()) {
            throw structure("Missing policy type in '" + word + "'");
        }
        return Set.copyOf(out);
    }

    private static int conditions(List<String> words, int from, List<Condition> out) {
        int n = words.size();
        int i = from;
        if (i >= n || isBring(words.get(i))) {
            throw structure("Missing condition after 'where'");
        }
        while (true) {
            String key = words.get(i);
            if (Words.is(key, "or") || key.startsWith("(")) {
                throw unsupportedCondition(key);
            }
            if (i + 2 >= n || isBring(words.get(i + 1)) || isBring(words.get(i + 2))) {
                throw structure("Incomplete 'where' condition: '" + String.join(" ", words.subList(i, n)) + "'");
            }
            out.add(Condition.of(key, words.get(i + 1), words.get(i + 2)));
            i += 3;
            if (i >= n || isBring(words.get(i))) {
                return i;
            }
            String next = words.get(i);
            if (Words.is(next, "or")) {
                throw unsupportedCondition(next);
            }
            if (!Words.is(next, "and")) {
                throw structure("Unexpected word '" + next + "' in 'where' conditions");
            }
            i++;
            if (i >= n || isBring(words.get(i))) {
                throw structure("Missing condition after 'and'");
            }
        }
    }

    private static boolean isBring(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return w.equals("bring") || w.startsWith("bring.");
    }

    private static CommandException structure(String detail) {
        return new CommandException(ErrorCode.COMMAND_STRUCTURE, detail);
    }

    private static CommandException unsupportedCondition(String word) {
        return new CommandException(ErrorCode.NOT_SUPPORTED,
            "'blockchain get' supports only conditions joined by 'and' (found '" + word + "')");
    }

    /** True when the query has a {@code bring} part (its result is text). */
    public boolean hasBring() {
        return bring != null;
    }

    /** The policies of the requested types that satisfy every condition, in ledger order. */
    public List<Policy> select(List<Policy> ledger) {
        List<Policy> out = new ArrayList<>();
        for (Policy p : ledger) {
            if (types != null && !types.contains(p.type())) {
                continue;
            }
            boolean ok = true;
            for (Condition c : conditions) {
                if (!c.test(p.attributes())) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * Runs the query.
     *
     * @param addressRule the §6.4 rule for {@code bring.ip_port}
     */
    public QueryResult evaluate(List<Policy> ledger, NodeAddressRule addressRule) {
        List<Policy> matches = select(ledger);
        return bring == null ? QueryResult.ofPolicies(matches) : BringOutput.render(bring, matches, addressRule);
    }

    /** {@link #evaluate(List, NodeAddressRule)} over a ledger snapshot. */
    public QueryResult evaluate(LedgerSnapshot ledger, NodeAddressRule addressRule) {
        return evaluate(ledger.policies(), addressRule);
    }
}
