package io.edgepublisher.publisher.routing.auto;

import io.edgepublisher.ledger.routing.RouteResult;

/**
 * An automatic decision for a file of a table that no cluster lists.
 *
 * @param result       {@link RouteResult.Routed} (an operator of the table's cluster, round robin) or
 *                     {@link RouteResult.AllInCooldown} (every operator that may take the file is in delivery
 *                     cooldown: those of the table's cluster, or of every candidate while none is chosen yet)
 * @param clusterId    the table's cluster, null while none is chosen
 * @param clusterName  its name, null while none is chosen
 * @param allCompanies true when the node's company has no candidate cluster and every company's were used
 */
public record AutoRoute(RouteResult result, String clusterId, String clusterName, boolean allCompanies) {
    /** The {@code tsd_info} {@code status2} text of a file routed this way (issue 16). */
    public String status2() {
        return "auto-assigned to cluster " + clusterName;
    }
}
