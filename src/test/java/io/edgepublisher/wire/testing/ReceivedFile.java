package io.edgepublisher.wire.testing;

import io.edgepublisher.wire.PeerAddress;
import java.nio.file.Path;

/**
 * A file the {@link OperatorSink} received completely.
 *
 * @param name         the name from the {@code file write} command (TAB turned back into space)
 * @param storedName   the name it was stored under: {@code name} without {@code .gz} when it was gunzipped
 * @param bytes        bytes received on the wire
 * @param sha256       hex sha256 of the bytes received
 * @param storedBytes  bytes of the stored file (after gunzip); equals {@code bytes} without a watch dir
 * @param storedSha256 hex sha256 of the stored file; equals {@code sha256} without a watch dir
 * @param frames       frames the transfer used
 * @param genericFlag  the generic flag of the transfer
 * @param source       the source ip:port written in the frames
 * @param path         where it was stored, or null when the sink keeps no files
 */
public record ReceivedFile(String name, String storedName, long bytes, String sha256, long storedBytes,
                           String storedSha256, long frames, int genericFlag, PeerAddress source, Path path) {
}
