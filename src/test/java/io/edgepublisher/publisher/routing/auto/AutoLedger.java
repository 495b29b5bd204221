package io.edgepublisher.publisher.routing.auto;

import io.edgepublisher.ledger.LedgerFile;
import io.edgepublisher.ledger.Md5;
import io.edgepublisher.ledger.Vectors;
import io.edgepublisher.ledger.routing.NodeAddressRule;
import io.edgepublisher.ledger.routing.RoundRobinState;
import io.edgepublisher.ledger.routing.RoutingIndex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A ledger for the tests: the EdgeLake 1.4 example ledger (master1, root cluster1 of BarsTest with operator1, table
 * test.conformance listed by cluster1's child policy) plus policies in the same shapes as EdgeLake writes them. The
 * routing index is built from it as the node builds it (LEDGER.md §6), one round-robin state across rebuilds.
 */
final class AutoLedger {
    /** The example ledger's cluster1 and operator1. */
    static final String CLUSTER1 = "a348b78d517d27861715310c7d57a7ef";
    static final String OPERATOR1 = "127.0.0.1:32148";

    private static final NodeAddressRule RULE = new NodeAddressRule("203.0.113.10", "10.0.0.5");
    private final List<String> lines = new ArrayList<>();
    private final RoundRobinState roundRobin = new RoundRobinState();

    /** The example ledger. */
    static AutoLedger example() {
        AutoLedger l = new AutoLedger();
        for (String line : Vectors.text("ledger/blockchain.json").split("\n")) {
            if (!line.isBlank()) {
                l.lines.add(line);
            }
        }
        return l;
    }

    /** No policy at all (a node whose ledger is missing or not synced yet). */
    static AutoLedger empty() {
        return new AutoLedger();
    }

    /** A policy id as EdgeLake makes them (32 hex digits), derived from a name so that tests can refer to it. */
    static String id(String name) {
        return Md5.hex(name.getBytes(StandardCharsets.UTF_8));
    }

    /** The id {@link #root} gives a cluster. */
    static String rootId(String name, String company) {
        return id("cluster " + name + " " + company);
    }

    /** A root cluster policy (no parent, no tables) as an administrator declares it; returns its id. */
    String root(String name, String company) {
        return root(name, company, "active");
    }

    /** A root cluster policy with this {@code status}; returns its id. */
    String root(String name, String company, String status) {
        String id = rootId(name, company);
        lines.add("{\"cluster\": {\"name\": \"" + name + "\", \"company\": \"" + company + "\", \"id\": \"" + id
            + "\", \"date\": \"2026-11-28T11:06:56.833832Z\", \"status\": \"" + status + "\", \"ledger\": "
            + "\"global\"}}");
        return id;
    }

    /** An operator policy of a cluster; {@code extra} adds attributes (e.g. {@code , "status": "inactive"}). */
    AutoLedger operator(String name, String company, String clusterId, String ip, int port, String extra) {
        lines.add("{\"operator\": {\"name\": \"" + name + "\", \"company\": \"" + company + "\", \"ip\": \"" + ip
            + "\", \"port\": " + port + ", \"rest_port\": " + (port + 1) + ", \"cluster\": \"" + clusterId + "\""
            + extra + ", \"id\": \"" + id("operator " + name) + "\", \"date\": \"2026-11-28T11:06:56.878271Z\","
            + " \"member\": 14, \"ledger\": \"global\"}}");
        return this;
    }

    /** The child cluster policy an operator of the cluster declares when it ingests the first file of the table. */
    AutoLedger child(String parentId, String name, String company, String dbms, String table) {
        lines.add("{\"cluster\": {\"parent\": \"" + parentId + "\", \"name\": \"" + name + "\", \"company\": \""
            + company + "\", \"table\": [{\"dbms\": \"" + dbms + "\", \"name\": \"" + table + "\", \"status\": "
            + "\"active\"}], \"source\": \"Node at 127.0.0.1:32148\", \"id\": \"" + id("child " + dbms + table)
            + "\", \"date\": \"2026-11-28T11:07:26.933579Z\", \"status\": \"active\", \"ledger\": \"global\"}}");
        return this;
    }

    /** Removes every policy line containing the text (a deleted policy, or one replaced by a later version). */
    AutoLedger remove(String text) {
        if (!lines.removeIf(l -> l.contains(text))) {
            throw new IllegalArgumentException("no policy contains " + text);
        }
        return this;
    }

    /** The routing index of the ledger as it is now. */
    RoutingIndex index() {
        return RoutingIndex.build(LedgerFile.parse((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8),
            false), RULE, roundRobin);
    }
}
