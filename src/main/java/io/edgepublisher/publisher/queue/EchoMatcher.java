package io.edgepublisher.publisher.queue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Matches an operator's {@code echo} to the file it names (PUBLISHER.md §5.4): a queued file being delivered to the
 * echo's source, or a file accepted from that source earlier (a late echo; the last 100,000 accepted files are
 * remembered with their kept copy). Not thread-safe: called with the {@link DeliveryQueue}'s lock held.
 */
final class EchoMatcher {
    static final int RECENT = 100_000;

    /** An accepted file: destination and kept copy (null when deleted, or not yet disposed). */
    static final class Delivered {
        final String name;
        final String dest;
        final String dbms;
        final String table;
        Path copy;

        Delivered(String name, String dest, String dbms, String table) {
            this.name = name;
            this.dest = dest;
            this.dbms = dbms;
            this.table = table;
        }
    }

    /** What an echo named. */
    sealed interface Match permits Queued, Late {
    }

    record Queued(QueuedFile file) implements Match {
    }

    record Late(String hash, Delivered delivered) implements Match {
    }

    private final QueueState state;
    private final Map<String, Delivered> recent = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Delivered> e) {
            return size() > RECENT;
        }
    };

    EchoMatcher(QueueState state) {
        this.state = state;
    }

    /**
     * The file the echo names, or null.
     *
     * @param source the echo's source {@code ip:port} (header, or socket peer)
     * @param peerIp the socket peer's IP, or null
     */
    Match match(String source, String peerIp, String text) {
        for (String token : EchoTokens.of(text)) {
            QueuedFile f = state.named(token);
            if (f != null && fromDestination(f.dest, source, peerIp)) {
                return new Queued(f);
            }
            if (token.length() == 32) {
                Delivered d = recent.get(token);
                if (d != null && fromDestination(d.dest, source, peerIp)) {
                    recent.remove(token);
                    return new Late(token, d);
                }
            }
        }
        return null;
    }

    static boolean fromDestination(String dest, String source, String peerIp) {
        if (dest == null) {
            return false;
        }
        if (dest.equals(source)) {
            return true;
        }
        int colon = dest.lastIndexOf(':');
        return peerIp != null && colon > 0 && dest.substring(0, colon).equals(peerIp);
    }

    void delivered(QueuedFile f) {
        recent.put(f.hash(), new Delivered(f.name(), f.dest, f.file.dbms(), f.file.table()));
    }

    /** Where the accepted file's copy was kept (null: deleted). */
    void kept(String hash, Path copy) {
        Delivered d = recent.get(hash);
        if (d != null) {
            d.copy = copy;
        }
    }

    int remembered() {
        return recent.size();
    }
}
