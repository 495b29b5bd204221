package io.edgepublisher.command;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The command table. Lines are matched on their leading words, longest phrase first (COMMANDS.md §1.2), so
 * {@code get publisher distribution} wins over {@code get publisher}. Registering a phrase twice replaces the
 * earlier command: a capability that is built later replaces its "not implemented yet" placeholder.
 */
public final class CommandRegistry {
    private final Map<String, Command> byPhrase = new ConcurrentHashMap<>();
    private volatile int longest = 1;

    public void register(Command command) {
        for (String n : command.names()) {
            String phrase = normalise(n);
            byPhrase.put(phrase, command);
            longest = Math.max(longest, phrase.split(" ").length);
        }
    }

    /** A match: the command, its phrase, and how many tokens the phrase used. */
    public record Match(Command command, String phrase, int words) {
    }

    /** The longest registered phrase at the start of the tokens, or null. */
    public Match lookup(List<Token> tokens, int from) {
        StringBuilder sb = new StringBuilder();
        String[] candidates = new String[longest];
        int n = 0;
        for (int i = from; i < tokens.size() && n < longest; i++) {
            Token t = tokens.get(i);
            if (t.kind() != Token.Kind.WORD) {
                break;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(t.lower());
            candidates[n++] = sb.toString();
        }
        for (int k = n - 1; k >= 0; k--) {
            Command c = byPhrase.get(candidates[k]);
            if (c != null) {
                return new Match(c, candidates[k], k + 1);
            }
        }
        return null;
    }

    public Command get(String phrase) {
        return byPhrase.get(normalise(phrase));
    }

    /** Every command once, in phrase order. */
    public Collection<Command> commands() {
        List<String> phrases = new ArrayList<>(byPhrase.keySet());
        phrases.sort(null);
        LinkedHashSet<Command> out = new LinkedHashSet<>();
        for (String p : phrases) {
            out.add(byPhrase.get(p));
        }
        return out;
    }

    private static String normalise(String phrase) {
        return phrase.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
