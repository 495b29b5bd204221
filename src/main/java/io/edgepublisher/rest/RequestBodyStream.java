package io.edgepublisher.rest;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A request body as a blocking {@link InputStream}, read by the worker that handles the request while the event loop
 * receives it: at most about {@link #HIGH_WATER} bytes wait in memory (beyond that the connection stops reading, so
 * the client waits), the body limit is enforced as the bytes arrive, and a client that stops sending for
 * {@code idleMillis} is given up. Nothing is read until the first {@link #read}: a request refused on its headers
 * alone never has its body received (and a client that sent {@code Expect: 100-continue} never sends it).
 *
 * <p>Created on the event loop when the request arrives (it pauses the request there, before any body byte can be
 * delivered without a handler).
 */
public final class RequestBodyStream extends InputStream {
    /** Thrown when the body grows beyond the limit: answer 413. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
        private final long limit;

        TooLarge(long limit) {
            super("the request body is larger than " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    static final int HIGH_WATER = 1 << 20;
    private static final int LOW_WATER = HIGH_WATER / 4;
    private static final Object END = new Object();

    private final HttpServerRequest request;
    private final Context context;
    private final long limit;
    private final long idleMillis;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Object flow = new Object();
    private long queued; // guarded by flow
    private boolean paused; // guarded by flow
    private boolean started;
    private boolean ended;
    private long received;
    private Buffer current;
    private int currentPos;

    RequestBodyStream(HttpServerRequest request, Context context, long limit, long idleMillis) {
        this.request = request;
        this.context = context;
        this.limit = limit;
        this.idleMillis = idleMillis;
        request.pause();
    }

    private void start() {
        started = true;
        boolean expectContinue = "100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT));
        context.runOnContext(v -> {
            request.handler(this::arrived);
            request.endHandler(x -> queue.add(END));
            request.exceptionHandler(e -> queue.add(e));
            if (expectContinue) {
                request.response().writeContinue();
            }
            request.resume();
        });
    }

    /** On the event loop: keep the chunk, and stop reading from the connection while too much waits. */
    private void arrived(Buffer chunk) {
        queue.add(chunk);
        synchronized (flow) {
            queued += chunk.length();
            if (!paused && queued > HIGH_WATER) {
                paused = true;
                request.pause();
            }
        }
    }

    private void taken(int n) {
        boolean resume = false;
        synchronized (flow) {
            queued -= n;
            if (paused && queued < LOW_WATER) {
                paused = false;
                resume = true;
            }
        }
        if (resume) {
            context.runOnContext(v -> request.resume());
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (current == null || currentPos == current.length()) {
            if (ended) {
                return -1;
            }
            next();
        }
        int n = Math.min(len, current.length() - currentPos);
        current.getBytes(currentPos, currentPos + n, b, off);
        currentPos += n;
        return n;
    }

    private void next() throws IOException {
        if (!started) {
            start();
        }
        Object o;
        try {
            o = queue.poll(idleMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while receiving the request body");
        }
        if (o == null) {
            throw new IOException("no body data for " + idleMillis / 1000 + " seconds; gave up");
        }
        if (o == END) {
            ended = true;
            current = null;
            return;
        }
        if (o instanceof Throwable t) {
            throw new IOException("the request body could not be received: " + t.getMessage(), t);
        }
        current = (Buffer) o;
        currentPos = 0;
        taken(current.length());
        received += current.length();
        if (received > limit) {
            throw new TooLarge(limit);
        }
    }
}
