package io.edgepublisher.publisher.routing.auto;

import java.util.Locale;

/**
 * What the publisher does with a file of a table that no cluster lists ({@code EP_NEW_TABLE_CLUSTER}, option
 * {@code new_table_cluster} of {@code run publisher}).
 */
public enum NewTableCluster {
    /** AnyLog's behaviour: the file waits for a route and goes to the error dir after {@code no_route_timeout}. */
    WAIT,
    /** The table is assigned to a root cluster ({@link AutoAssignments}) until the ledger lists it. */
    AUTO;

    /** The spelling in commands and settings: {@code wait} or {@code auto}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode for {@code wait} or {@code auto} (any case, surrounding blanks ignored); null for anything else. */
    public static NewTableCluster of(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        for (NewTableCluster m : values()) {
            if (m.value().equalsIgnoreCase(v)) {
                return m;
            }
        }
        return null;
    }
}
