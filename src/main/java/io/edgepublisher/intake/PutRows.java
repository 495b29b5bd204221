package io.edgepublisher.intake;

/**
 * The rows of a REST PUT body (REST.md §6.2): {@code text} is the file content for {@code mode: file} and the batch
 * for {@code mode: streaming} (the buffer drops a trailing newline itself).
 */
public record PutRows(String text, int rows) {
}
