package io.edgepublisher.wire.testing;

import io.edgepublisher.wire.FileWriteRejectedException;
import io.edgepublisher.wire.FileWriteSink;
import io.edgepublisher.wire.FileWriteSinkFactory;
import io.edgepublisher.wire.FileWriteStart;
import io.edgepublisher.wire.GenericFlag;
import io.edgepublisher.wire.PeerAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * How {@link OperatorSink} stores files, as an EdgeLake operator does (PROTOCOL.md §7.2): flag 1 only, written to
 * {@code <watch>/<name>.transfer}, renamed to {@code <name>} on the last block, and gunzipped into the name without
 * {@code .gz} for {@code .gz} names. Without a watch dir only sizes and digests are kept.
 */
final class SinkFiles implements FileWriteSinkFactory {
    private final Path watchDir;
    private final SinkRules rules;
    private final Consumer<ReceivedFile> onReceived;

    SinkFiles(Path watchDir, SinkRules rules, Consumer<ReceivedFile> onReceived) {
        this.watchDir = watchDir;
        this.rules = rules;
        this.onReceived = onReceived;
    }

    @Override
    public FileWriteSink open(FileWriteStart start) throws FileWriteRejectedException, IOException {
        String name = start.name();
        SinkRules.Rejection rejection = rules.rejectionFor(name);
        if (rejection != null) {
            throw new FileWriteRejectedException(rejection.errorCode(), rejection.reason() + ": " + name);
        }
        if (start.genericFlag() != GenericFlag.FILE_WATCH_DIR) {
            throw new FileWriteRejectedException(294, "only generic flag 1 is accepted, got "
                    + start.genericFlag() + " for " + name);
        }
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\")) {
            throw new FileWriteRejectedException(294, "not a bare file name: " + name);
        }
        PeerAddress source = start.header().sourcePort() <= 0xFFFF && !start.header().sourceIp().isEmpty()
                ? new PeerAddress(start.header().sourceIp(), (int) start.header().sourcePort()) : null;
        return new Sink(name, start.genericFlag(), source);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private final class Sink implements FileWriteSink {
        private final String name;
        private final int flag;
        private final PeerAddress source;
        private final MessageDigest digest = sha256();
        private final Path transfer;
        private final FileChannel channel;
        private long bytes;
        private long frames;

        Sink(String name, int flag, PeerAddress source) throws IOException {
            this.name = name;
            this.flag = flag;
            this.source = source;
            this.transfer = watchDir == null ? null : watchDir.resolve(name + ".transfer");
            this.channel = transfer == null ? null : FileChannel.open(transfer, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        }

        @Override
        public void append(ByteBuffer payload) throws IOException {
            frames++;
            bytes += payload.remaining();
            digest.update(payload.duplicate());
            if (channel != null) {
                while (payload.hasRemaining()) {
                    channel.write(payload);
                }
            }
        }

        @Override
        public void complete() throws IOException {
            String sha = HexFormat.of().formatHex(digest.digest());
            boolean gz = name.endsWith(".gz");
            String storedName = gz ? name.substring(0, name.length() - 3) : name;
            if (channel == null) {
                onReceived.accept(new ReceivedFile(name, storedName, bytes, sha, bytes, sha, frames, flag, source,
                        null));
                return;
            }
            channel.close();
            Path target = watchDir.resolve(storedName);
            long storedBytes = bytes;
            String storedSha = sha;
            if (gz) {
                MessageDigest plain = sha256();
                Files.deleteIfExists(target);
                try (InputStream in = new GZIPInputStream(Files.newInputStream(transfer));
                     OutputStream out = new DigestOutputStream(Files.newOutputStream(target), plain)) {
                    storedBytes = in.transferTo(out);
                } catch (IOException e) {
                    Files.deleteIfExists(target);
                    throw new IOException("decompression failed for " + name + ": " + e.getMessage(), e);
                } finally {
                    Files.deleteIfExists(transfer);
                }
                storedSha = HexFormat.of().formatHex(plain.digest());
            } else {
                Files.move(transfer, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            onReceived.accept(new ReceivedFile(name, storedName, bytes, sha, storedBytes, storedSha, frames, flag,
                    source, target));
        }

        @Override
        public void abort() {
            if (channel != null) {
                try {
                    channel.close();
                    Files.deleteIfExists(transfer);
                } catch (IOException ignored) {
                    // a test double: a leftover .transfer file is visible to the test, which is fine
                }
            }
        }
    }
}
