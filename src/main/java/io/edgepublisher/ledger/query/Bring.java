package io.edgepublisher.ledger.query;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.json.PyJson;
import io.edgepublisher.ledger.Policy;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * The {@code bring[.<modifier>…] <term>… [separator = <text>]} part of {@code blockchain get} (LEDGER.md §5.3):
 * its parsed form. {@link BringOutput} renders it.
 */
final class Bring {
    enum Mod { FIRST, RECENT, UNIQUE, JSON, COUNT, IP_PORT, TABLE, MIN, MAX }

    /** One term: a path from the policy root, the policy type ({@code []}, {@code [*]}), or a literal. */
    record Term(AttrPath path, String literal, boolean policyType) {
        boolean isValue() {
            return literal == null;
        }

        /** The key of the term in a {@code bring.json} object. */
        String jsonKey() {
            return policyType ? "policy" : path.lastKey();
        }
    }

    final EnumSet<Mod> mods;
    final List<Term> terms;
    final String separator;

    private Bring(EnumSet<Mod> mods, List<Term> terms, String separator) {
        this.mods = mods;
        this.terms = terms;
        this.separator = separator;
    }

    boolean has(Mod m) {
        return mods.contains(m);
    }

    /**
     * @param bringWord {@code bring} or {@code bring.<modifier>…}
     * @param rest      the words after it
     * @throws CommandException 237 for modifiers EdgeLake has and we do not, 2 for anything else that is wrong
     */
    static Bring parse(String bringWord, List<String> rest) {
        EnumSet<Mod> mods = EnumSet.noneOf(Mod.class);
        String[] parts = bringWord.split("\\.", -1);
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].toLowerCase(Locale.ROOT);
            switch (p) {
                case "first": mods.add(Mod.FIRST); break;
                case "recent":
                case "last": mods.add(Mod.RECENT); break;
                case "unique": mods.add(Mod.UNIQUE); break;
                case "json": mods.add(Mod.JSON); break;
                case "count": mods.add(Mod.COUNT); break;
                case "ip_port": mods.add(Mod.IP_PORT); break;
                case "table": mods.add(Mod.TABLE); break;
                case "min": mods.add(Mod.MIN); break;
                case "max": mods.add(Mod.MAX); break;
                case "list":
                case "null":
                case "children":
                    throw new CommandException(ErrorCode.NOT_SUPPORTED, "'bring." + parts[i] + "' is not supported");
                default:
                    if (p.startsWith("sort")) {
                        throw new CommandException(ErrorCode.NOT_SUPPORTED,
                            "'bring." + parts[i] + "' is not supported");
                    }
                    throw new CommandException(ErrorCode.COMMAND_STRUCTURE,
                        "Unrecognized 'bring' directive: '" + bringWord + "'");
            }
        }
        List<String> termWords = rest;
        String separator = null;
        int n = rest.size();
        if (n >= 3 && Words.is(rest.get(n - 3), "separator") && rest.get(n - 2).equals("=")) {
            separator = Words.literal(rest.get(n - 1));
            termWords = rest.subList(0, n - 3);
        } else if (n >= 2 && Words.is(rest.get(n - 2), "separator") && rest.get(n - 1).equals("=")) {
            throw new CommandException(ErrorCode.COMMAND_STRUCTURE, "Missing value after 'separator ='");
        }
        List<Term> terms = new ArrayList<>(termWords.size());
        for (String w : termWords) {
            terms.add(term(w));
        }
        if (mods.isEmpty() && terms.isEmpty()) {
            throw new CommandException(ErrorCode.COMMAND_STRUCTURE,
                "Missing Info after 'bring' directive in 'blockchain get' command");
        }
        return new Bring(mods, List.copyOf(terms), separator);
    }

    private static Term term(String word) {
        if (word.equals("[]")) {
            return new Term(null, null, true);
        }
        AttrPath path = AttrPath.parseTerm(word);
        if (path == null) {
            return new Term(null, Words.literal(word), false);
        }
        if (path.segments().size() == 1 && path.segments().get(0).equals("*")) {
            return new Term(null, null, true); // EdgeLake: [*] alone is the policy type
        }
        return new Term(path, null, false);
    }

    /** The value of a value term for a policy, or {@link AttrPath#MISSING}. */
    static Object value(Term t, Policy p) {
        if (t.policyType()) {
            return p.type();
        }
        String first = t.path().segments().get(0);
        if (!first.equals("*") && !first.isEmpty() && !first.equals(p.type())) {
            return AttrPath.MISSING;
        }
        return t.path().resolve(p.attributes(), 1);
    }

    static String countText(int n, boolean json) {
        return json ? "[{\"count\" : " + n + " }]" : Integer.toString(n);
    }

    static String jsonList(List<String> objects) {
        return "[" + String.join(",", objects) + "]";
    }

    static String dumps(Object o) {
        return PyJson.dumps(o);
    }
}
