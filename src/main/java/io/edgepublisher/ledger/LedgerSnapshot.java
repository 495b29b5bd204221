package io.edgepublisher.ledger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable version of the local ledger: the policies in ledger order, an index by id, and the md5 of the file
 * bytes it was read from or written as. Readers take the current snapshot from {@link Ledger#snapshot()} without
 * locking.
 */
public final class LedgerSnapshot {
    /** No ledger file yet. */
    public static final LedgerSnapshot EMPTY = new LedgerSnapshot(List.of(), null);

    private final List<Policy> policies;
    private final Map<String, Policy> byId;
    private final String md5;

    LedgerSnapshot(List<Policy> policies, String md5) {
        this.policies = Collections.unmodifiableList(new ArrayList<>(policies));
        this.byId = new HashMap<>(Math.max(16, policies.size() * 2));
        for (Policy p : policies) {
            String id = p.id();
            if (id != null) {
                byId.putIfAbsent(id, p);
            }
        }
        this.md5 = md5;
    }

    /** The policies in ledger order (unmodifiable). */
    public List<Policy> policies() {
        return policies;
    }

    public int size() {
        return policies.size();
    }

    /** The first policy with this id, or null. */
    public Policy byId(String id) {
        return byId.get(id);
    }

    public boolean containsId(String id) {
        return byId.containsKey(id);
    }

    /** md5 (32 hex) of the ledger file this snapshot corresponds to; null when there is no file. */
    public String md5() {
        return md5;
    }

    /** The file content of §4.1: each policy's line followed by {@code \n}. */
    public byte[] toBytes() {
        return serialize(policies);
    }

    static byte[] serialize(List<Policy> policies) {
        StringBuilder sb = new StringBuilder(policies.size() * 256);
        for (Policy p : policies) {
            sb.append(p.line()).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    LedgerSnapshot with(Policy appended, String newMd5) {
        List<Policy> list = new ArrayList<>(policies.size() + 1);
        list.addAll(policies);
        list.add(appended);
        return new LedgerSnapshot(list, newMd5);
    }
}
