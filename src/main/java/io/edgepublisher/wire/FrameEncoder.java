package io.edgepublisher.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Writes frames as exactly 2048 bytes. Every byte the frame does not set is written as 0, including the unused part
 * of the source IP field and everything after {@code 207 + data length} (PROTOCOL.md §2 rule 5), so the output never
 * depends on what the buffer held before.
 */
public final class FrameEncoder {

    private FrameEncoder() {
    }

    /** A new 2048-byte array holding the frame. */
    public static byte[] encode(Frame frame) {
        byte[] out = new byte[FrameLayout.FRAME_SIZE];
        encode(frame, out, 0);
        return out;
    }

    /** Writes the frame into {@code out[off, off + 2048)}. */
    public static void encode(Frame frame, byte[] out, int off) {
        int cmd = frame.commandLength();
        int auth = frame.authLength();
        int payload = frame.payloadLength();
        writeHeader(frame.header(), cmd, auth, cmd + auth + payload, out, off);
        int at = off + FrameLayout.HEADER_SIZE;
        at = copy(frame.commandBytes(), out, at);
        at = copy(frame.auth(), out, at);
        at = copy(frame.payload(), out, at);
        Arrays.fill(out, at, off + FrameLayout.FRAME_SIZE, (byte) 0);
    }

    /**
     * Writes all 207 header bytes. The lengths are parameters because they describe the content that follows, which
     * callers streaming a file write into a reused buffer themselves.
     */
    static void writeHeader(FrameHeader h, int commandLength, int authLength, int dataLength, byte[] out, int off) {
        Arrays.fill(out, off, off + FrameLayout.HEADER_SIZE, (byte) 0);
        FrameHeader.Ignored ig = h.ignored();
        if (!ig.isZero()) {
            BigEndian.putI64(out, off + FrameLayout.BLOCK_HASH, ig.blockHashHigh());
            BigEndian.putI64(out, off + FrameLayout.BLOCK_HASH + 8, ig.blockHashLow());
            BigEndian.putU16(out, off + FrameLayout.SOCKET_ID, ig.socketId());
            BigEndian.putI64(out, off + FrameLayout.SOCKET_TIME_ID, ig.socketTimeId());
            BigEndian.putU32(out, off + FrameLayout.SEND_COUNTER, ig.sendCounter());
            BigEndian.putU8(out, off + FrameLayout.BLOCK_STRUCT, ig.blockStruct());
            BigEndian.putU16(out, off + FrameLayout.JSON_COUNTER, ig.jsonCounter());
            BigEndian.putU8(out, off + FrameLayout.REPLY_FLAG, ig.replyFlag());
            BigEndian.putU32(out, off + FrameLayout.DBMS_TIME, ig.dbmsTimeMs());
            BigEndian.putU32(out, off + FrameLayout.SEND_TIME, ig.sendTimeMs());
        }
        BigEndian.putU32(out, off + FrameLayout.BLOCK_NUMBER, h.blockNumber());
        BigEndian.putU8(out, off + FrameLayout.LAST_FLAG, h.lastFlag());
        BigEndian.putU8(out, off + FrameLayout.INFO_TYPE, h.infoType());
        BigEndian.putU16(out, off + FrameLayout.ERROR_CODE, h.errorCode());
        BigEndian.putU16(out, off + FrameLayout.COMMAND_LENGTH, commandLength);
        BigEndian.putU16(out, off + FrameLayout.AUTH_LENGTH, authLength);
        BigEndian.putU32(out, off + FrameLayout.DATA_LENGTH, dataLength);
        BigEndian.putU16(out, off + FrameLayout.JOB_LOCATION, h.jobLocation());
        BigEndian.putU32(out, off + FrameLayout.JOB_ID, h.jobId());
        BigEndian.putU16(out, off + FrameLayout.RECEIVERS, h.receivers());
        BigEndian.putU16(out, off + FrameLayout.RECEIVER_ID, h.receiverId());
        BigEndian.putU16(out, off + FrameLayout.PARTITIONS_USED, h.partitionsUsed());
        BigEndian.putU16(out, off + FrameLayout.PARTITION_ID, h.partitionId());
        String ip = h.sourceIp();
        BigEndian.putU8(out, off + FrameLayout.SOURCE_IP_LENGTH, ip.length());
        for (int i = 0; i < ip.length(); i++) {
            out[off + FrameLayout.SOURCE_IP + i] = (byte) ip.charAt(i);
        }
        BigEndian.putU32(out, off + FrameLayout.SOURCE_PORT, h.sourcePort());
        BigEndian.putU16(out, off + FrameLayout.GENERIC_FLAG, h.genericFlag());
    }

    /** Rewrites only the fields that change from one frame of a file write to the next. */
    static void patchBlock(byte[] out, long blockNumber, boolean last, int dataLength) {
        BigEndian.putU32(out, FrameLayout.BLOCK_NUMBER, blockNumber);
        BigEndian.putU8(out, FrameLayout.LAST_FLAG, last ? 1 : 0);
        BigEndian.putU32(out, FrameLayout.DATA_LENGTH, dataLength);
    }

    private static int copy(ByteBuffer src, byte[] out, int at) {
        int n = src.remaining();
        src.get(src.position(), out, at, n);
        return at + n;
    }
}
