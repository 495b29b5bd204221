package io.edgepublisher.wire;

/**
 * The fields of a request that its replies copy (PROTOCOL.md §6.1): job location and id, receivers, receiver id,
 * partitions, and the generic flag (kept by {@code echo} replies).
 */
public record RequestRef(int jobLocation, long jobId, int receivers, int receiverId, int partitionsUsed,
                         int partitionId, int genericFlag) {

    /** For messages that answer nothing in particular (all fields 0). */
    public static final RequestRef NONE = new RequestRef(0, 0, 0, 0, 0, 0, 0);

    /** The fields of a received request frame. */
    public static RequestRef of(FrameHeader request) {
        return new RequestRef(request.jobLocation(), request.jobId(), request.receivers(), request.receiverId(),
                request.partitionsUsed(), request.partitionId(), request.genericFlag());
    }

    FrameHeader.Builder applyTo(FrameHeader.Builder b) {
        return b.job(jobLocation, jobId).receivers(receivers, receiverId).partitions(partitionsUsed, partitionId);
    }
}
