package io.edgepublisher.streamer;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where flushed files go: written in {@code prep}, renamed into {@code watch} (error buffers: {@code err}). */
public record StreamerDirs(Path prep, Path watch, Path err) {

    /**
     * {@code run streamer} (COMMANDS.md §4.18): every directory must exist (35) and be writable (63).
     *
     * @throws CommandException 35 or 63 naming the directory
     */
    public void checkForStreamer() {
        for (Path d : new Path[] {prep, watch, err}) {
            if (!Files.isDirectory(d)) {
                throw new CommandException(ErrorCode.DIR_NOT_EXISTS, d.toString());
            }
            if (!Files.isWritable(d)) {
                throw new CommandException(ErrorCode.DIR_NOT_WRITEABLE, d.toString());
            }
        }
    }

    /**
     * REST PUT prerequisite (REST.md §6.3): the directories exist and are writable, else 33.
     *
     * @throws CommandException 33
     */
    public void checkForPut() {
        for (Path d : new Path[] {prep, watch, err}) {
            if (!Files.isDirectory(d) || !Files.isWritable(d)) {
                throw new CommandException(ErrorCode.MISSING_CONFIGURATION);
            }
        }
    }
}
