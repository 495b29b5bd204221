package io.edgepublisher.ledger.routing;

import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.ledger.LedgerSnapshot;
import io.edgepublisher.ledger.Policy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The routing metadata of LEDGER.md §6: table → clusters → operators, built from one ledger snapshot. Immutable
 * apart from the shared {@link RoundRobinState}; lookups are hash-map reads. Rebuild it after every ledger change
 * (§6.1) with the same {@link RoundRobinState}.
 */
public final class RoutingIndex {
    /** A usable operator of a cluster: its address per §6.4, name and policy id. */
    public record Operator(String address, String name, String id) {
    }

    /** A root cluster policy (one without {@code parent}): its id, name and company ({@code none} when absent). */
    public record Cluster(String id, String name, String company) {
    }

    private final Map<String, List<String>> clustersByTable;
    private final Map<String, List<String>> usableClustersByTable;
    private final Map<String, String> companyByDbms;
    private final Map<String, List<Operator>> operatorsByCluster;
    private final List<Cluster> rootClusters;
    private final List<String> warnings;
    private final RoundRobinState roundRobin;

    private RoutingIndex(RoutingIndexBuilder b, RoundRobinState roundRobin) {
        this.clustersByTable = freeze(b.clustersByTable);
        this.operatorsByCluster = freeze(b.operatorsByCluster);
        Map<String, List<String>> usable = new HashMap<>();
        b.clustersByTable.forEach((key, ids) -> {
            List<String> withOperators = new ArrayList<>();
            for (String id : ids) {
                if (operatorsByCluster.containsKey(id)) {
                    withOperators.add(id);
                }
            }
            usable.put(key, withOperators);
        });
        this.usableClustersByTable = freeze(usable);
        this.companyByDbms = Map.copyOf(b.companyByDbms);
        this.rootClusters = List.copyOf(b.rootClusters);
        this.warnings = List.copyOf(b.warnings);
        this.roundRobin = roundRobin;
    }

    /**
     * Builds the index.
     *
     * @param addressRule the §6.4 rule with this node's external and internal IP
     * @param roundRobin  positions shared with the previous index (survive the rebuild)
     */
    public static RoutingIndex build(List<Policy> ledger, NodeAddressRule addressRule, RoundRobinState roundRobin) {
        return new RoutingIndex(new RoutingIndexBuilder(ledger, addressRule), roundRobin);
    }

    /** {@link #build(List, NodeAddressRule, RoundRobinState)} over a snapshot. */
    public static RoutingIndex build(LedgerSnapshot ledger, NodeAddressRule addressRule, RoundRobinState roundRobin) {
        return build(ledger.policies(), addressRule, roundRobin);
    }

    /** Inconsistencies found while building (to be logged as warnings). */
    public List<String> warnings() {
        return warnings;
    }

    /** The company recorded for a dbms by the cluster policies (§6.2), or null when the dbms is unknown. */
    public String companyOf(String dbms) {
        return companyByDbms.get(RoutingIndexBuilder.lower(dbms));
    }

    /** The company of a file (§6.5): the {@code run publisher} option when given, else {@link #companyOf}. */
    public String companyOf(String companyOption, String dbms) {
        return companyOption != null && !companyOption.isBlank() ? companyOption : companyOf(dbms);
    }

    /** The cluster ids listing the table, in ledger order (also those without operators). */
    public List<String> clusters(String company, String dbms, String table) {
        return clustersByTable.getOrDefault(RoutingIndexBuilder.tableKey(company, dbms, table), List.of());
    }

    /** The usable operators of a cluster, in ledger order. */
    public List<Operator> operators(String clusterId) {
        return operatorsByCluster.getOrDefault(clusterId, List.of());
    }

    /**
     * The root clusters with an active status ({@code active}, {@code static} or none, §6.2), in ledger order, also
     * those without operators; a cluster id declared inconsistently keeps its first declaration.
     */
    public List<Cluster> rootClusters() {
        return rootClusters;
    }

    /** Every address a file of the table may go to; empty without a route (for releasing pins, PUBLISHER §5.3). */
    public Set<String> candidates(String companyOption, String dbms, String table) {
        String company = companyOf(companyOption, dbms);
        Set<String> out = new LinkedHashSet<>();
        if (company == null) {
            return out;
        }
        for (String c : usableClustersByTable.getOrDefault(RoutingIndexBuilder.tableKey(company, dbms, table),
            List.of())) {
            for (Operator o : operators(c)) {
                out.add(o.address());
            }
        }
        return out;
    }

    /**
     * Chooses the operator for a file (§6.6): round-robin over the table's clusters that have operators, then over
     * the chosen cluster's operators, skipping addresses in delivery cooldown; advances both positions.
     *
     * @param companyOption the {@code company} option of {@code run publisher}, or null to use the dbms' company
     * @param inCooldown    true for an {@code ip:port} in delivery cooldown (PUBLISHER.md §5.5)
     */
    public RouteResult nextDestination(String companyOption, String dbms, String table,
                                       Predicate<String> inCooldown) {
        String company = companyOf(companyOption, dbms);
        if (company == null) {
            return new RouteResult.NoRoute(ErrorCode.MISSING_OPERATORS,
                "no cluster lists a table of dbms '" + dbms + "'");
        }
        String key = RoutingIndexBuilder.tableKey(company, dbms, table);
        List<String> listed = clustersByTable.get(key);
        if (listed == null || listed.isEmpty()) {
            return new RouteResult.NoRoute(ErrorCode.MISSING_OPERATORS,
                "no cluster of company '" + company + "' lists table " + dbms + "." + table);
        }
        List<String> usable = usableClustersByTable.get(key);
        if (usable.isEmpty()) {
            return new RouteResult.NoRoute(ErrorCode.OPERATOR_NOT_AVAILABLE,
                "no active operator in the clusters of table " + dbms + "." + table + ": " + listed);
        }
        synchronized (roundRobin) {
            int n = usable.size();
            int p = roundRobin.tablePosition(key, n);
            for (int i = 0; i < n; i++) {
                RouteResult.Routed routed = nextInCluster(usable.get((p + i) % n), inCooldown);
                if (routed != null) {
                    roundRobin.setTablePosition(key, (p + i + 1) % n);
                    return routed;
                }
            }
        }
        return new RouteResult.AllInCooldown(Collections.unmodifiableSet(candidates(companyOption, dbms, table)));
    }

    /**
     * Chooses an operator of one cluster (§6.6 step 3), for a route that names the cluster rather than the table: from
     * the cluster's round-robin position (shared with {@link #nextDestination}), the first operator not in cooldown.
     *
     * @return the operator; {@link ErrorCode#OPERATOR_NOT_AVAILABLE} when the cluster has no usable operator;
     *         {@link RouteResult.AllInCooldown} with its operators when all are in cooldown
     */
    public RouteResult nextOperator(String clusterId, Predicate<String> inCooldown) {
        List<Operator> ops = operators(clusterId);
        if (ops.isEmpty()) {
            return new RouteResult.NoRoute(ErrorCode.OPERATOR_NOT_AVAILABLE,
                "no active operator in cluster " + clusterId);
        }
        synchronized (roundRobin) {
            RouteResult.Routed routed = nextInCluster(clusterId, inCooldown);
            if (routed != null) {
                return routed;
            }
        }
        Set<String> all = new LinkedHashSet<>();
        ops.forEach(o -> all.add(o.address()));
        return new RouteResult.AllInCooldown(Collections.unmodifiableSet(all));
    }

    /** The cluster's next operator not in cooldown, advancing its position; null when all are. Holds the monitor. */
    private RouteResult.Routed nextInCluster(String clusterId, Predicate<String> inCooldown) {
        List<Operator> ops = operators(clusterId);
        int m = ops.size();
        int q = m == 0 ? 0 : roundRobin.clusterPosition(clusterId, m);
        for (int j = 0; j < m; j++) {
            Operator op = ops.get((q + j) % m);
            if (!inCooldown.test(op.address())) {
                roundRobin.setClusterPosition(clusterId, (q + j + 1) % m);
                return new RouteResult.Routed(op.address(), clusterId, op.name(), op.id());
            }
        }
        return null;
    }

    private static <V> Map<String, List<V>> freeze(Map<String, List<V>> m) {
        Map<String, List<V>> out = new HashMap<>(m.size() * 2);
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(out);
    }
}
