package io.edgepublisher.wire;

import io.edgepublisher.command.ErrorCode;

/**
 * Why a send failed, with the EdgeLake code recorded for it (PROTOCOL.md §9, PUBLISHER.md §5.5): timeouts are 26,
 * I/O errors 15, refusals 208, other connection problems 81.
 */
public enum TransferFailure {
    /** Our TCP server is not running, so replies could not reach us (§9.1). No connection was made. */
    NO_SOURCE_ADDRESS(ErrorCode.SOURCE_SERVER, false),
    /** The peer refused the connection. */
    CONNECTION_REFUSED(ErrorCode.CONNECTION_REFUSED, false),
    /** The connection was not established within the connect timeout. */
    CONNECT_TIMEOUT(ErrorCode.TIMEOUT, false),
    /** Any other failure to connect: unknown host, no route, network unreachable. */
    CONNECTION_ERROR(ErrorCode.CONNECTION, false),
    /** Reading the local file failed (4, or 12 when it does not exist). */
    LOCAL_FILE_ERROR(ErrorCode.IO, false),
    /** A frame could not be written within the write timeout. */
    WRITE_TIMEOUT(ErrorCode.TIMEOUT, true),
    /** An I/O error while writing frames (reset, broken pipe). */
    SEND_ERROR(ErrorCode.NETWORK, true),
    /** All frames were written but the peer did not close within the close wait. */
    NO_ORDERLY_CLOSE(ErrorCode.TIMEOUT, true),
    /** All frames were written but the connection broke instead of closing in an orderly way. */
    CLOSE_ERROR(ErrorCode.NETWORK, true);

    private final int code;
    private final boolean afterConnect;

    TransferFailure(ErrorCode code, boolean afterConnect) {
        this.code = code.code();
        this.afterConnect = afterConnect;
    }

    /** The EdgeLake error code normally recorded for this failure. */
    public int code() {
        return code;
    }

    /** True when the connection had been established, i.e. the failure is not a connection failure. */
    public boolean afterConnect() {
        return afterConnect;
    }
}
