package io.edgepublisher.ledger;

import io.edgepublisher.json.PyRepr;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Adds {@code id} and {@code date} to a policy as {@code blockchain prepare policy} and {@code blockchain insert}
 * do (LEDGER.md §3.1 steps 1–4), optionally after the seed's {@code master} → {@code publisher} rename (CONFIG.md
 * §6.4 rule 4). Immutable and thread-safe.
 */
public final class PolicyPreparer {
    private static final DateTimeFormatter DATE_FORMAT =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final Set<String> ownAddresses;

    /** The result: the prepared policy, and whether the seed rename happened (the caller logs a warning then). */
    public record Prepared(Policy policy, boolean renamedFromMaster) {
    }

    /** A preparer without the seed rename; {@code clock} supplies the creation date. */
    public PolicyPreparer(Clock clock) {
        this(clock, Set.of());
    }

    private PolicyPreparer(Clock clock, Set<String> ownAddresses) {
        this.clock = clock;
        this.ownAddresses = ownAddresses;
    }

    /**
     * A preparer that renames a root key {@code master} to {@code publisher} when the policy's {@code ip:port} or
     * {@code local_ip:port} is one of this node's TCP addresses ({@code "ip:port"}, external and internal).
     */
    public PolicyPreparer withSeedRename(Collection<String> ownTcpAddresses) {
        return new PolicyPreparer(clock, Set.copyOf(ownTcpAddresses));
    }

    /** The date format of policies: {@code YYYY-MM-DDTHH:MM:SS.ffffffZ}, UTC, microseconds (truncated). */
    public static String formatDate(Instant instant) {
        return DATE_FORMAT.format(instant);
    }

    /** Now, in the policy date format. */
    public String now() {
        return formatDate(Instant.now(clock));
    }

    /**
     * Prepares a policy: keeps id and date when both exist; adds only a date when the id exists; otherwise computes
     * the id without {@code date}/{@code ledger} and appends {@code id}, {@code date} (the given one or now) and
     * {@code ledger} (if it was given).
     */
    public Prepared prepare(Policy policy) {
        Map<String, Object> attrs = policy.attributes();
        boolean hasId = attrs.containsKey(Policy.ID);
        boolean hasDate = attrs.containsKey(Policy.DATE);
        if (hasId && hasDate) {
            return new Prepared(policy, false);
        }
        LinkedHashMap<String, Object> out = Frozen.mutableCopy(attrs);
        if (hasId) {
            // Spec §3.1 step 3: the date goes at the very end, after a present 'ledger'.
            out.put(Policy.DATE, now());
            return new Prepared(Policy.of(policy.type(), out), false);
        }
        String type = policy.type();
        boolean renamed = false;
        if ("master".equals(type) && isOwnAddress(attrs)) {
            type = "publisher";
            renamed = true;
        }
        Object date = out.remove(Policy.DATE);
        boolean hadLedger = out.containsKey(Policy.LEDGER);
        Object ledger = out.remove(Policy.LEDGER);
        out.put(Policy.ID, PolicyId.compute(type, out));
        out.put(Policy.DATE, hasDate ? date : now());
        if (hadLedger) {
            out.put(Policy.LEDGER, ledger);
        }
        return new Prepared(Policy.of(type, out), renamed);
    }

    private boolean isOwnAddress(Map<String, Object> attrs) {
        Object port = attrs.get("port");
        if (ownAddresses.isEmpty() || port == null) {
            return false;
        }
        String p = PyRepr.str(port).trim();
        for (String ipKey : new String[] {"ip", "local_ip"}) {
            Object ip = attrs.get(ipKey);
            if (ip instanceof String && ownAddresses.contains(((String) ip).trim() + ":" + p)) {
                return true;
            }
        }
        return false;
    }
}
