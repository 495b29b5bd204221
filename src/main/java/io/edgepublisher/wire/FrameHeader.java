package io.edgepublisher.wire;

/**
 * The header fields of one frame (PROTOCOL.md §3), except the three lengths, which belong to the frame's content
 * (see {@link Frame}). Integers are the unsigned wire values: 1- and 2-byte fields as {@code int}, 4-byte fields as
 * {@code long}, so a decoded header re-encodes to the same bytes.
 *
 * @param blockNumber    1, 2, 3 … within one connection (offset 30)
 * @param lastFlag       non-zero on the last frame of a message (offset 35)
 * @param infoType       see {@link InfoType} (offset 36)
 * @param errorCode      0 in requests, the result code in replies (offset 37)
 * @param jobLocation    job slot of a waiting request, copied into replies (offset 50)
 * @param jobId          job id of a waiting request, 0 = nobody waits (offset 52)
 * @param receivers      number of peers a request went to (offset 56)
 * @param receiverId     0-based index of the addressed peer (offset 58)
 * @param partitionsUsed 1 in command requests (offset 60)
 * @param partitionId    offset 62
 * @param sourceIp       the sender's TCP server IP (offsets 72/73); ISO-8859-1 so any received bytes round-trip
 * @param sourcePort     the sender's TCP server port (offset 201)
 * @param genericFlag    see {@link GenericFlag} (offset 205)
 * @param ignored        fields no receiver reads; {@link Ignored#NONE} for frames Edge Publisher sends
 */
public record FrameHeader(
        long blockNumber,
        int lastFlag,
        int infoType,
        int errorCode,
        int jobLocation,
        long jobId,
        int receivers,
        int receiverId,
        int partitionsUsed,
        int partitionId,
        String sourceIp,
        long sourcePort,
        int genericFlag,
        Ignored ignored) {

    private static final long U32_MAX = 0xFFFF_FFFFL;

    public FrameHeader {
        checkU32("block number", blockNumber);
        checkRange("last flag", lastFlag, 0xFF);
        checkRange("info type", infoType, 0xFF);
        checkRange("error code", errorCode, 0xFFFF);
        checkRange("job location", jobLocation, 0xFFFF);
        checkU32("job id", jobId);
        checkRange("receivers", receivers, 0xFFFF);
        checkRange("receiver id", receiverId, 0xFFFF);
        checkRange("partitions used", partitionsUsed, 0xFFFF);
        checkRange("partition id", partitionId, 0xFFFF);
        checkU32("source port", sourcePort);
        checkRange("generic flag", genericFlag, 0xFFFF);
        if (sourceIp == null) {
            sourceIp = "";
        }
        if (sourceIp.length() > FrameLayout.MAX_SOURCE_IP_LENGTH || !isSingleByte(sourceIp)) {
            throw new IllegalArgumentException("source IP must be at most 128 single-byte characters: " + sourceIp);
        }
        if (ignored == null) {
            ignored = Ignored.NONE;
        }
    }

    /** True when this frame ends its message. */
    public boolean isLast() {
        return lastFlag != 0;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.blockNumber = blockNumber;
        b.lastFlag = lastFlag;
        b.infoType = infoType;
        b.errorCode = errorCode;
        b.jobLocation = jobLocation;
        b.jobId = jobId;
        b.receivers = receivers;
        b.receiverId = receiverId;
        b.partitionsUsed = partitionsUsed;
        b.partitionId = partitionId;
        b.sourceIp = sourceIp;
        b.sourcePort = sourcePort;
        b.genericFlag = genericFlag;
        b.ignored = ignored;
        return b;
    }

    /** The same header with another block number and last flag, as needed for each frame of a multi-frame message. */
    public FrameHeader withBlock(long number, boolean last) {
        return new FrameHeader(number, last ? 1 : 0, infoType, errorCode, jobLocation, jobId, receivers, receiverId,
                partitionsUsed, partitionId, sourceIp, sourcePort, genericFlag, ignored);
    }

    /** The same header with another source address. */
    public FrameHeader withSource(PeerAddress source) {
        return new FrameHeader(blockNumber, lastFlag, infoType, errorCode, jobLocation, jobId, receivers, receiverId,
                partitionsUsed, partitionId, source.ip(), source.port(), genericFlag, ignored);
    }

    private static boolean isSingleByte(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static void checkRange(String name, int v, int max) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(name + " out of range 0.." + max + ": " + v);
        }
    }

    private static void checkU32(String name, long v) {
        if (v < 0 || v > U32_MAX) {
            throw new IllegalArgumentException(name + " out of range 0.." + U32_MAX + ": " + v);
        }
    }

    /**
     * Header fields that receivers ignore (PROTOCOL.md §3). They are kept so that a decoded frame re-encodes to the
     * captured bytes; Edge Publisher writes zeros.
     *
     * @param blockHashHigh bytes 0–7 of the block hash (UDP only)
     * @param blockHashLow  bytes 8–15 of the block hash
     * @param socketId      offset 16
     * @param socketTimeId  offsets 18–25, as a big-endian 64-bit value
     * @param sendCounter   offset 26 (EdgeLake writes its thread number)
     * @param blockStruct   offset 34
     * @param jsonCounter   offset 47
     * @param replyFlag     offset 49 (never set reliably by EdgeLake)
     * @param dbmsTimeMs    offset 64
     * @param sendTimeMs    offset 68
     */
    public record Ignored(long blockHashHigh, long blockHashLow, int socketId, long socketTimeId, long sendCounter,
                          int blockStruct, int jsonCounter, int replyFlag, long dbmsTimeMs, long sendTimeMs) {
        /** All zero: what Edge Publisher sends and what every captured EdgeLake frame carried. */
        public static final Ignored NONE = new Ignored(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        public Ignored {
            checkRange("socket id", socketId, 0xFFFF);
            checkU32("send counter", sendCounter);
            checkRange("block struct", blockStruct, 0xFF);
            checkRange("json counter", jsonCounter, 0xFFFF);
            checkRange("reply flag", replyFlag, 0xFF);
            checkU32("dbms time", dbmsTimeMs);
            checkU32("send time", sendTimeMs);
        }

        public boolean isZero() {
            return equals(NONE);
        }
    }

    /** Builds a header; every field not set is 0 (source IP empty). */
    public static final class Builder {
        private long blockNumber = 1;
        private int lastFlag = 1;
        private int infoType;
        private int errorCode;
        private int jobLocation;
        private long jobId;
        private int receivers;
        private int receiverId;
        private int partitionsUsed;
        private int partitionId;
        private String sourceIp = "";
        private long sourcePort;
        private int genericFlag;
        private Ignored ignored = Ignored.NONE;

        private Builder() {
        }

        /** Block number (default 1) and last flag (default set). */
        public Builder block(long number, boolean last) {
            this.blockNumber = number;
            this.lastFlag = last ? 1 : 0;
            return this;
        }

        public Builder blockNumber(long v) {
            this.blockNumber = v;
            return this;
        }

        public Builder lastFlag(int v) {
            this.lastFlag = v;
            return this;
        }

        public Builder infoType(int v) {
            this.infoType = v;
            return this;
        }

        public Builder errorCode(int v) {
            this.errorCode = v;
            return this;
        }

        public Builder job(int location, long id) {
            this.jobLocation = location;
            this.jobId = id;
            return this;
        }

        public Builder receivers(int count, int id) {
            this.receivers = count;
            this.receiverId = id;
            return this;
        }

        public Builder partitions(int used, int id) {
            this.partitionsUsed = used;
            this.partitionId = id;
            return this;
        }

        public Builder source(String ip, long port) {
            this.sourceIp = ip;
            this.sourcePort = port;
            return this;
        }

        public Builder source(PeerAddress address) {
            return source(address.ip(), address.port());
        }

        public Builder genericFlag(int v) {
            this.genericFlag = v;
            return this;
        }

        public Builder ignored(Ignored v) {
            this.ignored = v;
            return this;
        }

        public FrameHeader build() {
            return new FrameHeader(blockNumber, lastFlag, infoType, errorCode, jobLocation, jobId, receivers,
                    receiverId, partitionsUsed, partitionId, sourceIp, sourcePort, genericFlag, ignored);
        }
    }
}
