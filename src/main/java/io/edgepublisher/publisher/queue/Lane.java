package io.edgepublisher.publisher.queue;

import java.util.ArrayDeque;
import java.util.TreeSet;

/**
 * The files of one (dbms, table) (§5.6): ready files in first-seen order, at most one file being sent, and up to
 * {@link #DEPTH} files claimed ahead of it in first-seen order. A claimed file's {@code sending} row is committed
 * while earlier transfers run, so database commits (several ms on PostgreSQL) are not on the table's critical path;
 * the files still start one after the other, in claim order.
 */
final class Lane {
    static final int DEPTH = 4;
    final String dbms;
    final String table;
    final TreeSet<QueuedFile> ready = new TreeSet<>(QueuedFile.ORDER);
    final ArrayDeque<QueuedFile> claimed = new ArrayDeque<>();
    QueuedFile sending;
    /** Every queued file of the table, for {@code get publisher queue}. */
    int size;

    Lane(String dbms, String table) {
        this.dbms = dbms;
        this.table = table;
    }

    boolean idle() {
        return size == 0 && claimed.isEmpty() && sending == null;
    }

    /** Files in the pipe: claimed, and the one being sent. */
    int inPipe() {
        return claimed.size() + (sending == null ? 0 : 1);
    }
}
