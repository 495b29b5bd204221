package io.edgepublisher.ledger.routing;

import java.util.HashMap;
import java.util.Map;

/**
 * Round-robin positions per (company, dbms, table) and per cluster id (LEDGER.md §6.6). It outlives index rebuilds
 * (pass the same instance to every {@link RoutingIndex#build}); a position beyond a list's new length wraps. Not
 * persisted: positions restart at 0 after a restart. Thread-safe: {@link RoutingIndex} uses it under its monitor.
 */
public final class RoundRobinState {
    private final Map<String, Integer> tables = new HashMap<>();
    private final Map<String, Integer> clusters = new HashMap<>();

    int tablePosition(String key, int size) {
        return tables.getOrDefault(key, 0) % size;
    }

    void setTablePosition(String key, int next) {
        tables.put(key, next);
    }

    int clusterPosition(String clusterId, int size) {
        return clusters.getOrDefault(clusterId, 0) % size;
    }

    void setClusterPosition(String clusterId, int next) {
        clusters.put(clusterId, next);
    }
}
