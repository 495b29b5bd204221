package io.edgepublisher.publisher.routing.auto;

import java.time.Instant;

/**
 * A table's automatic cluster, as persisted and as shown by {@code get publisher}.
 *
 * @param dbms        lower case
 * @param table       lower case
 * @param clusterId   the root cluster's id
 * @param clusterName its name when it was chosen
 * @param company     the cluster's company
 * @param since       when the table was assigned to this cluster
 * @param takenOver   when the ledger started to list the table (metadata routing took over), else null
 * @param files       files delivered by this assignment since the node started (not persisted)
 */
public record AutoAssignment(String dbms, String table, String clusterId, String clusterName, String company,
                             Instant since, Instant takenOver, long files) {

    public boolean metadataTookOver() {
        return takenOver != null;
    }

    AutoAssignment withTakenOver(Instant when) {
        return new AutoAssignment(dbms, table, clusterId, clusterName, company, since, when, files);
    }

    AutoAssignment withFiles(long n) {
        return new AutoAssignment(dbms, table, clusterId, clusterName, company, since, takenOver, n);
    }
}
