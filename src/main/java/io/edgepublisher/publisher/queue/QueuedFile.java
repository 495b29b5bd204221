package io.edgepublisher.publisher.queue;

import io.edgepublisher.publisher.naming.PreparedFile;
import java.util.Comparator;
import java.util.concurrent.ScheduledFuture;

/** One file of the queue. Guarded by the {@link DeliveryQueue}'s lock; nothing here is thread-safe. */
public final class QueuedFile {
    /** First-seen time, then arrival order (§5.6). */
    static final Comparator<QueuedFile> ORDER = Comparator.comparingLong((QueuedFile f) -> f.fileTime)
        .thenComparingLong(f -> f.seq);

    final PreparedFile file;
    final long seq;
    final long discoveredNanos;
    FileState state = FileState.REGISTERING;
    /** {@code file_time} of the row, epoch millis. */
    long fileTime;
    String pinned;
    String dest;
    String routeKey;
    /** The automatic cluster of the current attempt ({@code new_table_cluster = auto}), or null. */
    String autoCluster;
    /** Its {@code sending} row is committed: the claim may start its transfer. */
    boolean claimCommitted;
    /** Continues the claim's exchange once admitted to a transfer slot. */
    Runnable admitted;
    /** Route again at once after an unpinned connection failure; back off only if no destination is free. */
    boolean rerouteNow;
    boolean pinReleased;
    long notBefore;
    long nextAttempt;
    int consecutive;
    int failedAttempts;
    int lastCode;
    String lastError = "";
    String lastStatus2;
    int noRouteCode;
    boolean echoed;
    int echoCode;
    String echoText;
    /** End of the {@code ack_wait} window, epoch millis (state SENT). */
    long ackDeadline;
    ScheduledFuture<?> timer;

    QueuedFile(PreparedFile file, long seq, long now) {
        this.file = file;
        this.seq = seq;
        this.fileTime = now;
        this.discoveredNanos = System.nanoTime();
    }

    public PreparedFile file() {
        return file;
    }

    public String hash() {
        return file.hash();
    }

    public String name() {
        return file.name();
    }

    /** The destination of the current attempt, or null. */
    public String dest() {
        return dest;
    }

    /** The automatic cluster of the current attempt, or null (read after the queue handed the file on). */
    public String autoCluster() {
        return autoCluster;
    }

    public String pinned() {
        return pinned;
    }

    public long fileTime() {
        return fileTime;
    }

    public FileState state() {
        return state;
    }

    String laneKey() {
        return file.dbms() + "." + file.table();
    }

    void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public String toString() {
        return file.name() + "[" + state + (pinned != null ? ", pinned to " + pinned : "") + "]";
    }
}
