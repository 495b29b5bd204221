package io.edgepublisher.wire;

/** Values of the header's info type byte that Edge Publisher writes (PROTOCOL.md §4.1). Any value is accepted. */
public final class InfoType {
    /** {@code file write} frames: EdgeLake's file sender never writes the field, so it stays 0. */
    public static final int FILE = 0;
    /** {@code print} / {@code echo} replies. */
    public static final int REPLY = 4;
    /** Command requests; EdgeLake calls this "authenticate" and uses it for every {@code run client} request. */
    public static final int COMMAND_REQUEST = 6;

    private InfoType() {
    }
}
