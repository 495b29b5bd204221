package io.edgepublisher.wire;

/**
 * Byte layout of the 2048-byte frame of the EdgeLake TCP peer protocol (PROTOCOL.md §2, §3).
 *
 * <p>The frame size is a protocol constant: EdgeLake's {@code io_buff_size} must not change it, because every peer
 * reads exactly this many bytes per frame.
 */
public final class FrameLayout {
    /** Every frame on the wire has exactly this size. */
    public static final int FRAME_SIZE = 2048;
    /** The header occupies bytes [0, 207); the command starts right after it. */
    public static final int HEADER_SIZE = 207;
    /** Command + authentication + payload must fit here. */
    public static final int BODY_SIZE = FRAME_SIZE - HEADER_SIZE;
    /** The source IP field holds at most this many bytes. */
    public static final int MAX_SOURCE_IP_LENGTH = 128;

    static final int BLOCK_HASH = 0;
    static final int BLOCK_HASH_LENGTH = 16;
    static final int SOCKET_ID = 16;
    static final int SOCKET_TIME_ID = 18;
    static final int SEND_COUNTER = 26;
    static final int BLOCK_NUMBER = 30;
    static final int BLOCK_STRUCT = 34;
    static final int LAST_FLAG = 35;
    static final int INFO_TYPE = 36;
    static final int ERROR_CODE = 37;
    static final int COMMAND_LENGTH = 39;
    static final int AUTH_LENGTH = 41;
    static final int DATA_LENGTH = 43;
    static final int JSON_COUNTER = 47;
    static final int REPLY_FLAG = 49;
    static final int JOB_LOCATION = 50;
    static final int JOB_ID = 52;
    static final int RECEIVERS = 56;
    static final int RECEIVER_ID = 58;
    static final int PARTITIONS_USED = 60;
    static final int PARTITION_ID = 62;
    static final int DBMS_TIME = 64;
    static final int SEND_TIME = 68;
    static final int SOURCE_IP_LENGTH = 72;
    static final int SOURCE_IP = 73;
    static final int SOURCE_PORT = 201;
    static final int GENERIC_FLAG = 205;

    private FrameLayout() {
    }
}
