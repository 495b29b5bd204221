package io.edgepublisher.streamer;

import java.nio.file.Path;
import java.util.List;

/**
 * What journal recovery did at boot (INTAKE.md §6.4).
 *
 * @param flushed files written from segments
 * @param alreadyFlushed segments deleted because their file was already in the watch (or error) dir
 * @param emptySegments segments without a complete data record (nothing acknowledged), deleted
 * @param failed segments whose file could not be written; they stay for the next boot
 * @param discardedBytes torn or corrupt tail bytes ignored over all segments
 */
public record RecoveryReport(List<FlushedFile> flushed, List<Path> alreadyFlushed, List<Path> emptySegments,
        List<Path> failed, long discardedBytes) {
}
