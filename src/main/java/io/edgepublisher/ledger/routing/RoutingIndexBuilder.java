package io.edgepublisher.ledger.routing;

import io.edgepublisher.ledger.Policy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Builds the maps of a {@link RoutingIndex} from a ledger (LEDGER.md §6.2–6.4), one pass per policy type. */
final class RoutingIndexBuilder {
    final Map<String, List<String>> clustersByTable = new HashMap<>();
    final Map<String, String> companyByDbms = new HashMap<>();
    final Map<String, List<RoutingIndex.Operator>> operatorsByCluster = new HashMap<>();
    final List<RoutingIndex.Cluster> rootClusters = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    private final Map<String, String[]> clusterIdentity = new HashMap<>();
    private final Set<String> rootIds = new HashSet<>();

    RoutingIndexBuilder(List<Policy> ledger, NodeAddressRule addressRule) {
        for (Policy p : ledger) {
            if (p.type().equals("cluster")) {
                cluster(p);
            } else if (p.type().equals("operator")) {
                operator(p, addressRule);
            }
        }
    }

    /** The key of (company, dbms, table); names compare case-insensitively. */
    static String tableKey(String company, String dbms, String table) {
        return lower(company) + '\u0000' + lower(dbms) + '\u0000' + lower(table);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private void cluster(Policy p) {
        if (!statusIs(p.get("status"), "active", "static")) {
            return;
        }
        String parent = stringOf(p.get("parent"));
        String clusterId = parent != null ? parent : p.id();
        if (clusterId == null) {
            warnings.add("Cluster policy without id or parent ignored: " + p.toJson());
            return;
        }
        String company = p.get("company") instanceof String ? (String) p.get("company") : "none";
        String name = stringOf(p.get("name"));
        String[] known = clusterIdentity.putIfAbsent(clusterId, new String[] {name, company});
        if (known != null && (!Objects.equals(known[0], name) || !known[1].equals(company))) {
            warnings.add("Cluster " + clusterId + " is declared as name '" + known[0] + "', company '" + known[1]
                + "' and by policy " + p.id() + " as name '" + name + "', company '" + company
                + "': the later policy is ignored");
            return;
        }
        if (parent == null && rootIds.add(clusterId)) {
            rootClusters.add(new RoutingIndex.Cluster(clusterId, name, company));
        }
        Object tables = p.get("table");
        if (!(tables instanceof List)) {
            return;
        }
        for (Object entry : (List<?>) tables) {
            if (!(entry instanceof Map)) {
                continue;
            }
            Map<?, ?> t = (Map<?, ?>) entry;
            String dbms = stringOf(t.get("dbms"));
            String table = stringOf(t.get("name"));
            if (dbms == null || table == null || !statusIs(t.get("status"), "active")) {
                continue;
            }
            List<String> ids = clustersByTable.computeIfAbsent(tableKey(company, dbms, table), k -> new ArrayList<>());
            if (!ids.contains(clusterId)) {
                ids.add(clusterId);
            }
            companyByDbms.put(lower(dbms), company);
        }
    }

    private void operator(Policy p, NodeAddressRule addressRule) {
        String cluster = stringOf(p.get("cluster"));
        Object type = p.get("type");
        if (cluster == null || !statusIs(p.get("status"), "active")
            || (type instanceof String && ((String) type).trim().equalsIgnoreCase("data source"))) {
            return;
        }
        Optional<String> address = addressRule.address(p.attributes());
        if (address.isEmpty()) {
            return;
        }
        operatorsByCluster.computeIfAbsent(cluster, k -> new ArrayList<>())
            .add(new RoutingIndex.Operator(address.get(), stringOf(p.get("name")), p.id()));
    }

    /** True when the status is absent or one of the allowed values (case-insensitive). */
    private static boolean statusIs(Object status, String... allowed) {
        if (status == null) {
            return true;
        }
        if (!(status instanceof String)) {
            return false;
        }
        for (String a : allowed) {
            if (a.equalsIgnoreCase(((String) status).trim())) {
                return true;
            }
        }
        return false;
    }

    private static String stringOf(Object v) {
        return v instanceof String && !((String) v).isEmpty() ? (String) v : null;
    }
}
