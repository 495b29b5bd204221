package io.edgepublisher.wire;

import java.io.IOException;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enforces the per-frame write timeout of §9.1 on blocking sockets, which have none of their own: one daemon thread
 * closes any socket whose current write has been blocked longer than the timeout, which makes that write fail.
 *
 * <p>Arming and disarming a watch are two volatile writes, so the watchdog costs nothing per frame.
 */
final class WriteWatchdog implements AutoCloseable {
    private final long timeoutNanos;
    private final long periodMillis;
    private final Set<Watch> active = ConcurrentHashMap.newKeySet();
    private Thread thread;
    private boolean closed;

    WriteWatchdog(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
        this.periodMillis = Math.max(5, Math.min(250, timeoutNanos / 4_000_000));
    }

    /** Starts watching {@code socket}; close the watch when the transfer ends. */
    Watch watch(Socket socket) {
        ensureRunning();
        Watch w = new Watch(socket);
        active.add(w);
        return w;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
            thread = null;
        }
    }

    private synchronized void ensureRunning() {
        if (closed) {
            throw new IllegalStateException("peer client is closed");
        }
        if (thread == null) {
            // Private thread: the peer client is plain Java (also used without a Camel context) and closes it itself.
            thread = new Thread(this::run, "peer-client-write-watchdog");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(periodMillis);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Watch w : active) {
                long armed = w.armedAt;
                if (armed != 0 && now - armed > timeoutNanos) {
                    w.fire();
                }
            }
        }
    }

    /** One transfer's watch. */
    final class Watch implements AutoCloseable {
        private final Socket socket;
        private volatile long armedAt;
        private volatile boolean fired;

        private Watch(Socket socket) {
            this.socket = socket;
        }

        /** A write starts now. */
        void arm() {
            long now = System.nanoTime();
            armedAt = now == 0 ? 1 : now;
        }

        /** The write finished. */
        void disarm() {
            armedAt = 0;
        }

        /** True when the watchdog closed the socket because a write took too long. */
        boolean fired() {
            return fired;
        }

        private void fire() {
            fired = true;
            armedAt = 0;
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is the point; a failure to close leaves nothing else to do
            }
        }

        @Override
        public void close() {
            active.remove(this);
        }
    }
}
