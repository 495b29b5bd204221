package io.edgepublisher.ledger;

import io.edgepublisher.ledger.routing.RouteResult;
import io.edgepublisher.ledger.routing.RoutingIndex;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The routing metadata as the publisher sees it (LEDGER.md §6): the current routing index, rebuilt by the metadata
 * capability whenever the ledger changes. A node service.
 */
public interface Metadata {
    /** The next operator for a file of (dbms, table), round robin over clusters then operators (LEDGER.md §6.6). */
    RouteResult nextDestination(String companyOption, String dbms, String table, Predicate<String> inCooldown);

    /** Every operator address that could receive the table now (for releasing pins, PUBLISHER.md §5.3). */
    Set<String> candidates(String companyOption, String dbms, String table);

    /**
     * The current routing index (never null), for decisions that need more than one table's route, such as the
     * automatic cluster of a new table ({@code new_table_cluster = auto}).
     */
    RoutingIndex index();

    /**
     * Called after every index rebuild and after every ledger synchronisation cycle, whether or not a new ledger
     * arrived: files waiting for a route are re-evaluated then (PUBLISHER.md §4.4).
     */
    void onChange(Runnable listener);
}
