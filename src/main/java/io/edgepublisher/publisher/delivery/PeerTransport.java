package io.edgepublisher.publisher.delivery;

import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.publisher.naming.PreparedFile;
import io.edgepublisher.wire.GenericFlag;
import io.edgepublisher.wire.PeerAddress;
import io.edgepublisher.wire.PeerClient;
import io.edgepublisher.wire.SourceAddress;
import io.edgepublisher.wire.TransferFailure;
import io.edgepublisher.wire.TransferResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * {@link Transport} over the node's {@link PeerClient}: one {@code file write <canonical name>} with generic flag 1,
 * the source address chosen per destination (PROTOCOL.md §9.3). With {@code compress_transit} a file that is not
 * compressed yet is gzip'd into {@code !tmp_dir} and sent as {@code <name>.gz}; the temporary copy is deleted after the
 * transfer (§5.2, §7.2).
 */
public final class PeerTransport implements Transport {
    /** Prefix of the temporary transit copies in {@code !tmp_dir}, removed at start (§9 step 1). */
    public static final String TMP_PREFIX = "publisher-transit-";

    private final Supplier<PeerClient> client;
    private final Supplier<SourceAddress> source;
    private final boolean compressTransit;
    private final Path tmpDir;

    public PeerTransport(Supplier<PeerClient> client, Supplier<SourceAddress> source, boolean compressTransit,
                         Path tmpDir) {
        this.client = client;
        this.source = source;
        this.compressTransit = compressTransit;
        this.tmpDir = tmpDir;
    }

    @Override
    public TransferResult send(String dest, PreparedFile file) {
        PeerAddress target = PeerAddress.parse(dest);
        PeerClient c = client.get();
        SourceAddress ours = source.get();
        if (c == null || ours == null) {
            return new TransferResult(false, target, 0, 0, 0, false, false, TransferFailure.NO_SOURCE_ADDRESS,
                ErrorCode.SOURCE_SERVER.code(), "the TCP server is not running");
        }
        if (!compressTransit || file.compressed()) {
            return c.sendFile(target, file.path(), file.name(), GenericFlag.FILE_WATCH_DIR, ours);
        }
        Path tmp = tmpDir.resolve(TMP_PREFIX + Thread.currentThread().getId() + "-" + file.name() + ".gz");
        try {
            // A temporary copy: no fsync, a crash only leaves a leftover that the next start deletes.
            try (InputStream in = Files.newInputStream(file.path());
                 OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp), 65536)) {
                in.transferTo(out);
            }
        } catch (NoSuchFileException e) {
            deleteQuietly(tmp);
            return local(target, ErrorCode.FILE_NOT_EXISTS, "file does not exist: " + file.path());
        } catch (IOException e) {
            deleteQuietly(tmp);
            return local(target, ErrorCode.COMPRESSION, "gzip for transit failed: " + e);
        }
        try {
            return c.sendFile(target, tmp, file.name() + ".gz", GenericFlag.FILE_WATCH_DIR, ours);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static TransferResult local(PeerAddress target, ErrorCode code, String detail) {
        return new TransferResult(false, target, 0, 0, 0, false, false, TransferFailure.LOCAL_FILE_ERROR, code.code(),
            detail);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // removed at the next start
        }
    }

    /** §9 step 1: leftovers of earlier runs. */
    public static void cleanTmp(Path tmpDir) {
        try (var s = Files.newDirectoryStream(tmpDir, TMP_PREFIX + "*")) {
            for (Path p : s) {
                deleteQuietly(p);
            }
        } catch (IOException ignored) {
            // nothing to clean
        }
    }
}
