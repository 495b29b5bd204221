package io.edgepublisher.wire;

import io.edgepublisher.command.ErrorCode;
import java.io.IOException;

/** Decides where an incoming {@code file write} goes, when its first frame arrives. */
@FunctionalInterface
public interface FileWriteSinkFactory {

    /**
     * @throws FileWriteRejectedException to refuse the file (nothing is written; the node answers with an echo)
     * @throws IOException                when the destination cannot be opened (reported as 48 "File write failed")
     */
    FileWriteSink open(FileWriteStart start) throws FileWriteRejectedException, IOException;

    /** Refuses every file with 294 "File operation not authorized": the safe default when nothing is configured. */
    static FileWriteSinkFactory rejectAll() {
        return start -> {
            throw new FileWriteRejectedException(ErrorCode.FILE_NOT_AUTHORIZED.code(), "file writes are not accepted here: " + start.name());
        };
    }
}
