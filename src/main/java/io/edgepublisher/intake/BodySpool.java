package io.edgepublisher.intake;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A request body received once and read as often as its processing needs: in memory up to a bound, beyond it in a
 * file of the node's own spool folder (on the journal's file system). So a body of any size costs a bounded amount
 * of heap, and nothing of it is left on disk once the request is answered ({@link #close}).
 */
public final class BodySpool implements Closeable {
    /** Bodies up to this size stay in memory. */
    public static final int MEMORY_BYTES = 1 << 20;
    private static final int CHUNK = 64 * 1024;

    private final Path dir;
    private final int memoryLimit;
    private byte[] memory = new byte[8192];
    private int memoryLen;
    private Path file;
    private OutputStream fileOut;
    private long size;

    BodySpool(Path dir, int memoryLimit) {
        this.dir = dir;
        this.memoryLimit = memoryLimit;
    }

    /** A body already in memory (tests, routes). */
    public static BodySpool of(byte[] body) {
        BodySpool s = new BodySpool(null, Integer.MAX_VALUE);
        s.memory = body;
        s.memoryLen = body.length;
        s.size = body.length;
        return s;
    }

    /**
     * Receives the whole body from {@code in}.
     *
     * @param dir where a body over {@code memoryLimit} bytes is spooled
     * @throws IOException when the body cannot be read (the client went away, the body is over the limit) or spooled
     */
    public static BodySpool read(InputStream in, Path dir, int memoryLimit) throws IOException {
        return read(in, dir, memoryLimit, -1);
    }

    /**
     * {@link #read(InputStream, Path, int)} for a body of {@code expected} bytes (its Content-Length; -1 unknown): a
     * body that fits in memory is read straight into an array of its size, with no growing and no copy. The length
     * is only a hint: a body that turns out longer is received as any other.
     */
    public static BodySpool read(InputStream in, Path dir, int memoryLimit, long expected) throws IOException {
        BodySpool s = new BodySpool(dir, memoryLimit);
        if (expected > 0 && expected <= memoryLimit) {
            s.memory = new byte[(int) expected];
        }
        try {
            byte[] buf = null;
            int n;
            while (true) {
                int room = Math.min(s.memory == null ? 0 : s.memory.length, memoryLimit) - s.memoryLen;
                if (s.fileOut == null && room > 0) {
                    n = in.read(s.memory, s.memoryLen, room);
                    if (n < 0) {
                        break;
                    }
                    s.memoryLen += n;
                    s.size += n;
                } else {
                    if (buf == null) {
                        buf = new byte[CHUNK];
                    }
                    n = in.read(buf);
                    if (n < 0) {
                        break;
                    }
                    s.write(buf, 0, n);
                }
            }
            s.endWrite();
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void write(byte[] b, int off, int len) throws IOException {
        if (fileOut == null && memoryLen + len <= memoryLimit) {
            if (memoryLen + len > memory.length) {
                memory = Arrays.copyOf(memory, Math.min(memoryLimit, Math.max(memoryLen + len, memory.length * 2)));
            }
            System.arraycopy(b, off, memory, memoryLen, len);
            memoryLen += len;
        } else {
            if (fileOut == null) {
                Files.createDirectories(dir);
                file = Files.createTempFile(dir, "put-", ".body");
                fileOut = Files.newOutputStream(file, StandardOpenOption.WRITE);
                fileOut.write(memory, 0, memoryLen);
                memory = null;
                memoryLen = 0;
            }
            fileOut.write(b, off, len);
        }
        size += len;
    }

    private void endWrite() throws IOException {
        if (fileOut != null) {
            fileOut.close();
            fileOut = null;
        }
    }

    /** Body bytes. */
    public long size() {
        return size;
    }

    /** True when the body is in a spool file rather than in memory. */
    public boolean spooled() {
        return file != null;
    }

    /** The body, when it is in memory ({@link #spooled()} false): valid up to {@link #size()}. */
    byte[] memory() {
        return memory;
    }

    /** The body held in memory ({@link #spooled()} false), as an array of its exact size. */
    public byte[] bytes() {
        return memory.length == memoryLen ? memory : Arrays.copyOf(memory, memoryLen);
    }

    /** A fresh stream over the whole body. */
    InputStream open() throws IOException {
        if (file != null) {
            return Files.newInputStream(file);
        }
        return new ByteArrayInputStream(memory, 0, memoryLen);
    }

    /** What a route trace shows for a body too large to hold in memory. */
    @Override
    public String toString() {
        return file != null ? "[request body of " + size + " bytes, spooled to " + file.getFileName() + "]"
                : new String(memory, 0, memoryLen, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Deletes the spool file, if any. */
    @Override
    public void close() {
        try {
            if (fileOut != null) {
                fileOut.close();
            }
        } catch (IOException ignored) {
            // deleting it anyway
        }
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a stale spool file is removed at the next start
            }
            file = null;
        }
    }
}
