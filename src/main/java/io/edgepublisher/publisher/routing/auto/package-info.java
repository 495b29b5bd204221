/**
 * {@code new_table_cluster = auto} (issue 16): a table no cluster lists yet is assigned to a root cluster by
 * rendezvous hashing ({@link io.edgepublisher.publisher.routing.auto.AutoAssignments}), pinned in the node's state,
 * and handed back to the metadata routing once the ledger lists it. Plain Java: the router asks
 * {@link io.edgepublisher.publisher.routing.auto.AutoAssignments#route} after the metadata had no route.
 */
package io.edgepublisher.publisher.routing.auto;
