package io.edgepublisher.store;

/**
 * One row of {@code almgm.tsd_info} (PUBLISHER.md §6.1). {@code fileTime} is UTC text
 * {@code YYYY-MM-DD HH:MM:SS.ffffff} on both engines; {@code fileId} is 0 for a row not yet inserted.
 */
public record TsdRow(long fileId, String dbms, String table, String source, String hash, String instructions,
                     String fileTime, int rows, String status1, String status2) {

    /** True when the row pins the file to {@code status1} (PUBLISHER.md §6.2). */
    public boolean pinned() {
        return pins(status2);
    }

    /**
     * {@code status2} of a transfer that starts to an operator of the table's automatic cluster
     * ({@code new_table_cluster = auto}, issue 16), followed by the cluster's name; it pins like {@code sending}.
     */
    public static final String AUTO_ASSIGNED = "auto-assigned to cluster ";

    /** True when a row with this {@code status2} pins the file to its {@code status1}. */
    public static boolean pins(String status2) {
        return status2 != null && (status2.equals("sending") || status2.equals("sent")
            || status2.startsWith("failed pinned") || status2.startsWith(AUTO_ASSIGNED));
    }

    public boolean delivered() {
        return "delivered".equals(status2);
    }
}
