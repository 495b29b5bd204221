package io.edgepublisher.streamer.journal;

import java.nio.file.Path;

/**
 * What a segment holds after a crash (INTAKE.md §6.4): the header (null when even the header is torn), the buffer
 * text rebuilt from the complete records ({@code \n} between batches), its row count, and how many bytes of torn
 * or corrupt tail were ignored; {@code marks} are the delivery marks of the complete records.
 */
public record RecoveredSegment(Path path, SegmentHeader header, byte[] text, int records, int rows,
        long discardedBytes, java.util.List<byte[]> marks) {

    /** True when there is something to flush. */
    public boolean hasData() {
        return header != null && records > 0;
    }
}
