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

    /**
     * The registered phrase closest to the start of a line that matched none, for "did you mean …?": at most two
     * edits away (a swap of two neighbouring letters is one) and less than a third of the phrase; null when none is.
     */
    public String suggest(List<Token> tokens, int from) {
        List<String> words = new ArrayList<>();
        for (int i = from; i < tokens.size() && words.size() < longest; i++) {
            if (tokens.get(i).kind() != Token.Kind.WORD) {
                break;
            }
            words.add(tokens.get(i).lower());
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        List<String> phrases = new ArrayList<>(byPhrase.keySet());
        phrases.sort(null);
        for (String phrase : phrases) {
            int n = phrase.split(" ").length;
            if (n > words.size()) {
                continue;
            }
            String typed = String.join(" ", words.subList(0, n));
            int d = editDistance(typed, phrase);
            if (d > 0 && d <= 2 && d * 3 < phrase.length() && (d < bestDistance
                || d == bestDistance && phrase.length() > best.length())) {
                best = phrase;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Edits (insert, delete, replace, swap of neighbours) that turn {@code a} into {@code b}. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
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
