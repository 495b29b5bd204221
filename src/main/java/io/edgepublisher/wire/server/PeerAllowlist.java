package io.edgepublisher.wire.server;

import io.edgepublisher.command.Token;
import io.edgepublisher.config.Dictionary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which commands a peer may run over TCP (PROTOCOL.md §8.2): the read-only {@link #DEFAULTS}, the extra prefixes of
 * {@code !tcp_allow} ({@code EP_TCP_ALLOW}, comma-separated), or everything when {@code !tcp_open} is true
 * ({@code EP_TCP_OPEN}). A prefix matches the command's leading words, whatever options follow.
 *
 * <p>This list, not {@link io.edgepublisher.command.Command#peerAllowed()}, decides: the decision must not depend on
 * how each capability's command class is written. {@code peerAllowed()} documents the same default for help and
 * is checked against this list by a test.
 *
 * <p>The dictionary is read on every check, so {@code tcp_allow = …} at run time takes effect at once.
 */
public final class PeerAllowlist {
    /** The default prefixes: status and read-only views that a publisher may show to its network. */
    public static final List<String> DEFAULTS = List.of("get status", "get processes", "get publisher",
        "get streaming", "get msg client", "get kafka consumer", "get version", "get hostname", "blockchain get", "info table");

    private final Dictionary dictionary;

    public PeerAllowlist(Dictionary dictionary) {
        this.dictionary = dictionary;
    }

    /** True when a command whose words are {@code tokens} may run for a peer. */
    public boolean allows(List<Token> tokens) {
        if ("true".equalsIgnoreCase(dictionary.get("tcp_open"))) {
            return true;
        }
        for (String prefix : prefixes()) {
            if (startsWith(tokens, prefix.split(" "))) {
                return true;
            }
        }
        return false;
    }

    /** The defaults followed by the {@code !tcp_allow} prefixes, lower case with single spaces. */
    public List<String> prefixes() {
        List<String> out = new ArrayList<>(DEFAULTS);
        String extra = dictionary.get("tcp_allow");
        if (extra != null) {
            for (String p : extra.split(",")) {
                String norm = p.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
                if (!norm.isEmpty()) {
                    out.add(norm);
                }
            }
        }
        return out;
    }

    private static boolean startsWith(List<Token> tokens, String[] words) {
        if (tokens.size() < words.length) {
            return false;
        }
        for (int i = 0; i < words.length; i++) {
            Token t = tokens.get(i);
            // quoted words never match a keyword, as in the command lookup
            if (t.kind() != Token.Kind.WORD || !t.lower().equals(words[i])) {
                return false;
            }
        }
        return true;
    }
}
