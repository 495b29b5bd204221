package io.edgepublisher.publisher.queue;

import java.util.TreeSet;

/**
 * The files of one (dbms, table) (§5.6): ready files in first-seen order, at most one file being sent, and at most
 * one file claimed ahead of it (its {@code sending} row is committed while the previous transfer runs, so the
 * database commit is not on the table's critical path).
 */
final class Lane {
    final String dbms;
    final String table;
    final TreeSet<QueuedFile> ready = new TreeSet<>(QueuedFile.ORDER);
    QueuedFile claimed;
    QueuedFile sending;
    /** Every queued file of the table, for {@code get publisher queue}. */
    int size;

    Lane(String dbms, String table) {
        this.dbms = dbms;
        this.table = table;
    }

    boolean idle() {
        return size == 0 && claimed == null && sending == null;
    }
}
