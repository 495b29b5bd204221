package io.edgepublisher.publisher.routing.auto;

import io.edgepublisher.ledger.routing.RoutingIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * The clusters a new table may be assigned to: the root clusters of the company that have at least one operator
 * usable for routing (active, not a data source, with an address: LEDGER.md §6.3–6.4, as the routing index keeps
 * them); when the company has none, the root clusters of every company. Reachability (delivery cooldown) is left to
 * the caller: it changes by the second, while this set changes only with the ledger.
 *
 * @param clusters     in ledger order
 * @param company      the company asked for
 * @param allCompanies true when the company had no candidate and these are every company's root clusters
 */
public record AutoCandidates(List<RoutingIndex.Cluster> clusters, String company, boolean allCompanies) {

    public static AutoCandidates of(RoutingIndex index, String company) {
        List<RoutingIndex.Cluster> own = new ArrayList<>();
        List<RoutingIndex.Cluster> all = new ArrayList<>();
        for (RoutingIndex.Cluster c : index.rootClusters()) {
            if (index.operators(c.id()).isEmpty()) {
                continue;
            }
            all.add(c);
            if (company != null && c.company().trim().equalsIgnoreCase(company.trim())) {
                own.add(c);
            }
        }
        return own.isEmpty() ? new AutoCandidates(List.copyOf(all), company, !all.isEmpty())
            : new AutoCandidates(List.copyOf(own), company, false);
    }

    public boolean isEmpty() {
        return clusters.isEmpty();
    }

    /** The candidate with this id, or null. */
    public RoutingIndex.Cluster find(String clusterId) {
        for (RoutingIndex.Cluster c : clusters) {
            if (c.id().equals(clusterId)) {
                return c;
            }
        }
        return null;
    }

    public List<String> ids() {
        List<String> out = new ArrayList<>(clusters.size());
        clusters.forEach(c -> out.add(c.id()));
        return out;
    }
}
