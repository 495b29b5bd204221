package io.edgepublisher.intake;

import io.edgepublisher.streamer.DataHash;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Where the rows of a REST PUT body are written as they are produced: in memory while they are small, beyond a bound
 * in a hidden file of the prep folder that becomes the data file by a rename, so no copy of a large batch is ever
 * held in memory. Written rows can be taken back ({@link #truncate}) until {@link #finish}, which also computes the
 * data file's hash (INTAKE.md §7.2).
 */
public final class RowsOut implements Closeable {
    private static final int BUFFER = 64 * 1024;

    private final String dbms;
    private final String table;
    private final Path spillDir;
    private final long spillAt;
    private byte[] mem = new byte[8192];
    private int memLen; // in memory: the rows; spilled: bytes not yet written to the file
    private long length;
    private Path file;
    private FileChannel channel;
    private String hash;

    /**
     * @param spillDir the prep folder (same file system as the watch folder)
     * @param spillAt rows beyond this many bytes go to a file
     */
    public RowsOut(String dbms, String table, Path spillDir, long spillAt) {
        this.dbms = dbms;
        this.table = table;
        this.spillDir = spillDir;
        this.spillAt = spillAt;
    }

    /** Rows of any size in memory (routes and tests). */
    static RowsOut inMemory() {
        return new RowsOut("", "", null, Long.MAX_VALUE);
    }

    void write(byte[] b, int off, int len) throws IOException {
        if (channel == null && length + len > spillAt) {
            spill();
        }
        length += len;
        if (memLen + len > mem.length) {
            if (channel == null) {
                mem = Arrays.copyOf(mem, (int) Math.min(Integer.MAX_VALUE - 8,
                        Math.max((long) memLen + len, mem.length * 2L)));
            } else {
                drain();
                if (len >= mem.length) {
                    writeFully(ByteBuffer.wrap(b, off, len));
                    return;
                }
            }
        }
        System.arraycopy(b, off, mem, memLen, len);
        memLen += len;
    }

    void write(byte b) throws IOException {
        write(new byte[] {b}, 0, 1);
    }

    /**
     * Writes {@code b[0, len)}, an array the caller gives up: while nothing is written and the rows stay in memory it
     * becomes the memory itself (no copy).
     */
    void writeOwned(byte[] b, int len) throws IOException {
        if (length == 0 && channel == null && len <= spillAt) {
            mem = b;
            memLen = len;
            length = len;
            return;
        }
        write(b, 0, len);
    }

    /** Writes text made of ASCII characters only (Python's ensure_ascii output). */
    void writeAscii(CharSequence s) throws IOException {
        int n = s.length();
        if (channel == null && length + n <= spillAt && memLen + n <= mem.length) {
            for (int i = 0; i < n; i++) {
                mem[memLen + i] = (byte) s.charAt(i);
            }
            memLen += n;
            length += n;
            return;
        }
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) s.charAt(i);
        }
        write(b, 0, n);
    }

    private void spill() throws IOException {
        file = Files.createTempFile(spillDir, ".put-", ".tmp");
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        drain();
        if (mem.length < BUFFER) {
            mem = new byte[BUFFER];
        }
    }

    private void drain() throws IOException {
        writeFully(ByteBuffer.wrap(mem, 0, memLen));
        memLen = 0;
    }

    private void writeFully(ByteBuffer bb) throws IOException {
        while (bb.hasRemaining()) {
            channel.write(bb);
        }
    }

    /** Bytes written so far: a mark for {@link #truncate}. */
    long length() {
        return length;
    }

    /** Takes back everything written after {@code mark}. */
    void truncate(long mark) throws IOException {
        if (mark >= length) {
            return;
        }
        if (channel == null) {
            memLen = (int) mark;
        } else {
            long inFile = length - memLen;
            if (mark >= inFile) {
                memLen = (int) (mark - inFile);
            } else {
                memLen = 0;
                channel.truncate(mark);
                channel.position(mark);
            }
        }
        length = mark;
    }

    /** Drops everything written: the body is processed again another way. */
    void discard() throws IOException {
        truncate(0);
    }

    /**
     * Ends the rows: trailing newlines are kept ({@code mode: file}) or dropped (a streamed batch: the buffer never
     * ends with one, INTAKE.md §5.1); a spilled file is fsync'd and hashed (rows in memory are hashed on demand).
     */
    public void finish(boolean keepTrailingNewlines) throws IOException {
        if (!keepTrailingNewlines) {
            truncate(length - trailingNewlines());
        }
        if (channel == null) {
            return; // the hash of rows in memory is computed when asked for: a streamed batch never needs it
        }
        drain();
        channel.force(true);
        channel.close();
        channel = null;
        MessageDigest md = DataHash.start(dbms, table);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[BUFFER];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        hash = DataHash.hex(md.digest());
    }

    private long trailingNewlines() throws IOException {
        long n = 0;
        for (int i = memLen - 1; i >= 0; i--) {
            if (mem[i] != '\n') {
                return n;
            }
            n++;
        }
        if (channel == null) {
            return n;
        }
        long pos = length - memLen;
        ByteBuffer bb = ByteBuffer.allocate(4096);
        while (pos > 0) {
            long from = Math.max(0, pos - bb.capacity());
            bb.clear().limit((int) (pos - from));
            while (bb.hasRemaining() && channel.read(bb, from + bb.position()) >= 0) {
                // fill
            }
            for (int i = bb.position() - 1; i >= 0; i--) {
                if (bb.get(i) != '\n') {
                    return n;
                }
                n++;
            }
            pos = from;
        }
        return n;
    }

    /** True when the rows are in {@link #file()} rather than in memory. */
    public boolean spilled() {
        return file != null;
    }

    /** The rows in memory (valid up to {@link #memoryLength()}), when not spilled. */
    public byte[] memory() {
        return mem;
    }

    public int memoryLength() {
        return memLen;
    }

    /** The fsync'd file holding the rows, when spilled; once renamed into place {@link #close} leaves it alone. */
    public Path file() {
        return file;
    }

    /** md5 of {@code <dbms>.<table>} and the rows, after {@link #finish}. */
    public String hash() {
        if (hash == null && file == null) {
            hash = DataHash.md5(dbms, table, mem, 0, memLen);
        }
        return hash;
    }

    /** Deletes the spill file unless it was renamed into place. */
    @Override
    public void close() {
        try {
            if (channel != null) {
                channel.close();
                channel = null;
            }
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a stale hidden file in prep is removed at the next start
        }
    }
}
