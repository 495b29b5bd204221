package io.edgepublisher.publisher.routing.auto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rendezvous (highest-random-weight) hashing of a table over cluster ids. Every publisher computes the same ranking
 * from the same ids, without talking to the others; adding a cluster moves only the tables it now wins, removing one
 * moves only the tables it won. The weight is SHA-256 based so that it is the same on every JVM and release
 * ({@link String#hashCode} is neither well spread nor a contract we want to depend on across nodes).
 */
public final class Rendezvous {
    private Rendezvous() {
    }

    /** The table's name in the hash: {@code dbms.table} in lower case (EdgeLake compares names case-insensitively). */
    public static String tableKey(String dbms, String table) {
        return dbms.toLowerCase(Locale.ROOT) + "." + table.toLowerCase(Locale.ROOT);
    }

    /**
     * The weight of a cluster for a table: the first 8 bytes of SHA-256 of {@code <cluster id>|<dbms.table>} (UTF-8,
     * cluster id in lower case), as an unsigned 64-bit number; compare with {@link Long#compareUnsigned}.
     */
    public static long weight(String clusterId, String tableKey) {
        byte[] d = sha256().digest((clusterId.toLowerCase(Locale.ROOT) + "|" + tableKey)
            .getBytes(StandardCharsets.UTF_8));
        long w = 0;
        for (int i = 0; i < 8; i++) {
            w = (w << 8) | (d[i] & 0xff);
        }
        return w;
    }

    /** The cluster ids best first: highest weight, equal weights by id (which a 64-bit hash makes academic). */
    public static List<String> ranking(Collection<String> clusterIds, String dbms, String table) {
        String key = tableKey(dbms, table);
        Map<String, Long> weights = new HashMap<>();
        for (String id : clusterIds) {
            weights.put(id, weight(id, key));
        }
        List<String> ids = new ArrayList<>(weights.keySet());
        ids.sort((a, b) -> {
            int byWeight = Long.compareUnsigned(weights.get(b), weights.get(a));
            return byWeight != 0 ? byWeight : a.compareTo(b);
        });
        return ids;
    }

    /** The winner of {@link #ranking}, or null for no ids. */
    public static String winner(Collection<String> clusterIds, String dbms, String table) {
        List<String> r = ranking(clusterIds, dbms, table);
        return r.isEmpty() ? null : r.get(0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
