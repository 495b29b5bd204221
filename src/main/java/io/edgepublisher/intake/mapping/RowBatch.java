package io.edgepublisher.intake.mapping;

import io.edgepublisher.streamer.BufferKey;

/**
 * Rows for one buffer: {@code text} is the rows joined with {@code \n}, without a trailing newline — exactly what
 * {@code StreamingBuffers.append} takes.
 */
public record RowBatch(BufferKey key, String text, int rows) {
}
