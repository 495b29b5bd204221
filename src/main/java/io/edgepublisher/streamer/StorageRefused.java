package io.edgepublisher.streamer;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;

/**
 * Intake refused because the node's file system is short of space (below the free-space floor, or a write hit a full
 * disk): nothing was stored, and the sender should retry later. REST answers 507, MQTT withholds the acknowledgement.
 */
public final class StorageRefused extends CommandException {
    private static final long serialVersionUID = 1L;

    public StorageRefused(String detail) {
        super(ErrorCode.FILE_WRITE, detail);
    }

    /** True when {@code e} (or a cause) says the data was not stored for lack of space. */
    public static boolean isLackOfSpace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StorageRefused) {
                return true;
            }
            if (t instanceof java.io.IOException && t.getMessage() != null
                    && t.getMessage().contains("No space left on device")) {
                return true;
            }
        }
        return false;
    }
}
