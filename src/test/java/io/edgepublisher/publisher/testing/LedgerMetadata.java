package io.edgepublisher.publisher.testing;

import io.edgepublisher.json.JsonParser;
import io.edgepublisher.ledger.Metadata;
import io.edgepublisher.ledger.Policy;
import io.edgepublisher.ledger.routing.NodeAddressRule;
import io.edgepublisher.ledger.routing.RoundRobinState;
import io.edgepublisher.ledger.routing.RouteResult;
import io.edgepublisher.ledger.routing.RoutingIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A {@link Metadata} over the real {@link RoutingIndex}, built from a test ledger (policies as JSON lines), until the
 * {@code meta} branch's service is merged. {@link #ledger} rebuilds the index with the same round-robin state and
 * tells the listeners, as the metadata service does after a merge.
 */
public final class LedgerMetadata implements Metadata {
    private static final NodeAddressRule RULE = new NodeAddressRule("203.0.113.10", "127.0.0.1");
    private final RoundRobinState roundRobin = new RoundRobinState();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile RoutingIndex index = RoutingIndex.build(List.of(), RULE, roundRobin);

    public LedgerMetadata ledger(String... policies) {
        List<Policy> out = new ArrayList<>();
        try {
            for (String p : policies) {
                out.add(Policy.of(JsonParser.parse(p.replace('\'', '"'))));
            }
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        index = RoutingIndex.build(out, RULE, roundRobin);
        listeners.forEach(Runnable::run);
        return this;
    }

    /** A cluster policy with a table list (child cluster form). */
    public static String cluster(String id, String company, String dbms, String... tables) {
        StringBuilder t = new StringBuilder();
        for (String table : tables) {
            t.append(t.length() == 0 ? "" : ", ").append("{'dbms': '").append(dbms).append("', 'name': '")
                .append(table).append("'}");
        }
        return "{'cluster': {'parent': '" + id + "', 'name': 'c-" + id + "', 'company': '" + company
            + "', 'table': [" + t + "], 'id': 'child-" + id + "'}}";
    }

    public static String operator(String name, String cluster, int port) {
        return "{'operator': {'name': '" + name + "', 'ip': '127.0.0.1', 'port': " + port + ", 'cluster': '"
            + cluster + "', 'id': 'op-" + name + "'}}";
    }

    @Override
    public RouteResult nextDestination(String companyOption, String dbms, String table,
                                       Predicate<String> inCooldown) {
        return index.nextDestination(companyOption, dbms, table, inCooldown);
    }

    @Override
    public Set<String> candidates(String companyOption, String dbms, String table) {
        return index.candidates(companyOption, dbms, table);
    }

    @Override
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }
}
