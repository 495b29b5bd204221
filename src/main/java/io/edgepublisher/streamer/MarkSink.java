package io.edgepublisher.streamer;

import java.io.IOException;
import java.util.List;

/**
 * Keeps the delivery marks of a buffer's records (see {@code journal.DeliveryMarks}) once its journal segment goes
 * away: called after the buffer's file is durable and before the segment is deleted, at a flush and at recovery. It
 * must make the marks durable before returning; if it throws, the segment is kept (recovery retries).
 */
@FunctionalInterface
public interface MarkSink {
    MarkSink NONE = marks -> { };

    void persist(List<byte[]> marks) throws IOException;

    /**
     * Whether a buffer whose records carry these marks may be cut into a file now; false while a record's source has
     * not confirmed its acknowledgement (a Kafka commit), since a file cannot be taken back. The buffer then waits,
     * in the journal, for the next trigger.
     */
    default boolean ready(List<byte[]> marks) {
        return true;
    }
}
