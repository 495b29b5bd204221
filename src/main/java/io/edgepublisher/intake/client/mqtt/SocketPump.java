package io.edgepublisher.intake.client.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The input of one connection, read by a thread of its own into a bounded ring buffer (256 KB at first, doubled while
 * it is full, up to its capacity) and taken from it by one reader (paho's receiving thread), in order. The pump thread
 * only reads: it keeps the socket drained while the reader is busy, up to the buffer's capacity; when the buffer is full it stops reading until the reader has taken some, and
 * logs the episode once (WARN when it fills, INFO when the reader has taken everything). The reader takes what is
 * buffered in chunks into a small buffer of its own, so a byte-by-byte read costs no lock.
 *
 * <p>A read waits at most the socket's timeout ({@link Timeout}) and then throws {@link SocketTimeoutException} having
 * taken nothing, as a socket read does (paho polls with a 1 s timeout). End of stream and a failed read reach the
 * reader after everything buffered before them; {@link #close()} ends both sides.
 */
final class SocketPump extends InputStream {
    private static final Logger LOG = LoggerFactory.getLogger(SocketPump.class);
    /** The reader's own buffer. */
    static final int CHUNK = 64 * 1024;
    /** The ring's first size; it doubles while it is full, up to the capacity. */
    static final int INITIAL = 256 * 1024;

    /** The socket's read timeout in milliseconds (0: none). */
    interface Timeout {
        int millis() throws IOException;
    }

    private final InputStream in;
    private final int capacity;
    private final Timeout timeout;
    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final Condition writable = lock.newCondition();
    // guarded by lock (the pump thread alone replaces the ring, and writes into it outside the lock)
    private byte[] ring;
    private int head;
    private int size;
    private boolean ended;
    private IOException failure;
    private boolean closed;
    private boolean full;
    private long fullEpisodes;
    // the reader's only
    private final byte[] chunk;
    private int pos;
    private int count;

    private SocketPump(InputStream in, int capacity, Timeout timeout, String name) {
        this.in = in;
        this.capacity = capacity;
        this.ring = new byte[Math.min(INITIAL, capacity)];
        this.chunk = new byte[Math.min(CHUNK, capacity)];
        this.timeout = timeout;
        this.name = name;
    }

    /**
     * Starts pumping {@code in} (a daemon thread named after {@code name}, ending with the stream).
     *
     * @param capacity bytes buffered at most
     */
    static SocketPump start(InputStream in, int capacity, Timeout timeout, String name) {
        SocketPump p = new SocketPump(in, capacity, timeout, name);
        Thread t = new Thread(p::pump, "ep-mqtt-read " + name);
        t.setDaemon(true);
        t.start();
        return p;
    }

    private void pump() {
        try {
            while (true) {
                byte[] target;
                int off;
                int len;
                lock.lock();
                try {
                    while (size == ring.length && !closed) {
                        if (ring.length < capacity) {
                            grow();
                            break;
                        }
                        if (!full) {
                            full = true;
                            fullEpisodes++;
                            LOG.warn("{}: input arrives faster than it is processed; {} KB are waiting, the"
                                    + " socket is not read until they are taken (the broker may drop QoS 0 messages"
                                    + " meanwhile)", name, capacity >> 10);
                        }
                        writable.await();
                    }
                    if (closed) {
                        return;
                    }
                    target = ring;
                    off = (head + size) % ring.length;
                    len = Math.min(ring.length - size, ring.length - off);
                } finally {
                    lock.unlock();
                }
                int n;
                try {
                    n = in.read(target, off, len);
                } catch (SocketTimeoutException e) {
                    continue; // nothing came: read on
                }
                lock.lock();
                try {
                    if (n < 0) {
                        ended = true;
                        readable.signal();
                        return;
                    }
                    size += n;
                    readable.signal();
                } finally {
                    lock.unlock();
                }
            }
        } catch (IOException e) {
            fail(e);
        } catch (InterruptedException e) {
            fail(new InterruptedIOException("socket pump interrupted"));
        } catch (RuntimeException | Error e) {
            fail(new IOException("socket pump failed: " + e, e));
            throw e;
        }
    }

    /** Doubles the full ring (up to the capacity), what it holds moved to its start. Under the lock. */
    private void grow() {
        byte[] bigger = new byte[(int) Math.min(capacity, 2L * ring.length)];
        int first = Math.min(size, ring.length - head);
        System.arraycopy(ring, head, bigger, 0, first);
        System.arraycopy(ring, 0, bigger, first, size - first);
        ring = bigger;
        head = 0;
    }

    private void fail(IOException e) {
        lock.lock();
        try {
            failure = e;
            readable.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Takes the next chunk into {@link #chunk}; false at the end of the stream. */
    private boolean fill() throws IOException {
        int waitMillis = timeout.millis();
        lock.lock();
        try {
            long deadline = 0;
            while (size == 0) {
                if (failure != null) {
                    throw failure;
                }
                if (ended) {
                    return false;
                }
                if (closed) {
                    throw new SocketException("Socket closed");
                }
                if (waitMillis <= 0) {
                    readable.await();
                    continue;
                }
                long now = System.nanoTime();
                if (deadline == 0) {
                    deadline = now + TimeUnit.MILLISECONDS.toNanos(waitMillis);
                } else if (now - deadline >= 0) {
                    throw new SocketTimeoutException("Read timed out");
                }
                readable.awaitNanos(deadline - now);
            }
            int n = Math.min(size, chunk.length);
            int first = Math.min(n, ring.length - head);
            System.arraycopy(ring, head, chunk, 0, first);
            if (n > first) {
                System.arraycopy(ring, 0, chunk, first, n - first);
            }
            head = (head + n) % ring.length;
            size -= n;
            if (full && size == 0) {
                full = false;
                LOG.info("{}: caught up with its input, the socket is read as it arrives again", name);
            }
            writable.signal();
            pos = 0;
            count = n;
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("read interrupted");
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read() throws IOException {
        if (pos >= count && !fill()) {
            return -1;
        }
        return chunk[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos >= count && !fill()) {
            return -1;
        }
        int n = Math.min(count - pos, len);
        System.arraycopy(chunk, pos, b, off, n);
        pos += n;
        return n;
    }

    /** What is buffered, without a system call. */
    @Override
    public int available() {
        int mine = count - pos;
        if (mine > 0) {
            return mine;
        }
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the pump (its thread stops once its current read returns; closing the socket makes it return). */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            readable.signalAll();
            writable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How often the buffer filled up (each time the socket stopped being read). */
    long fullEpisodes() {
        lock.lock();
        try {
            return fullEpisodes;
        } finally {
            lock.unlock();
        }
    }
}
