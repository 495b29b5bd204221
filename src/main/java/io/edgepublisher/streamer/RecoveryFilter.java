package io.edgepublisher.streamer;

/**
 * Decides, at boot, which journaled records are not recovered (see {@code JournalRecovery}): a message client whose
 * source hands a record out again when it was not acknowledged (a Kafka offset this node never committed) drops it
 * here, so that it is stored once, by whoever reads it again. Only records with a delivery mark are asked.
 */
@FunctionalInterface
public interface RecoveryFilter {
    RecoveryFilter NONE = mark -> null;

    /** Null to recover the record with this delivery mark; otherwise what it belongs to (counted and logged). */
    String drop(byte[] mark);

    /**
     * True to keep the record's whole segment in the journal, without a file, for now: its source cannot tell yet
     * whether the record was acknowledged ({@link StreamingBuffers#recoverHeld} tries again later). Asked first.
     */
    default boolean hold(byte[] mark) {
        return false;
    }
}
