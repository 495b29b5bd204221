package io.edgepublisher.wire;

import io.edgepublisher.command.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends messages and files to peers over the TCP peer protocol, one message per connection (PROTOCOL.md §9).
 *
 * <p>Each send connects (TCP_NODELAY, SO_KEEPALIVE, 40,960-byte send buffer, 6 s connect timeout), writes every frame
 * (10 s write timeout per frame), shuts down its output, then reads until the peer closes (at most 30 s) and closes.
 * The source address in the frames and the address connected to follow §9.3 and §9.4. Nothing is thrown for network
 * problems: every outcome is a {@link TransferResult}.
 *
 * <p>Thread-safe; one instance serves the whole node. {@link #close()} stops its write-timeout thread.
 */
public final class PeerClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerClient.class);

    /** Frames per write call: 32 KiB, within the 40,960-byte send buffer of §9.1. */
    static final int BATCH_FRAMES = 16;

    private final PeerClientConfig config;
    private final WriteWatchdog watchdog;

    public PeerClient() {
        this(PeerClientConfig.defaults());
    }

    public PeerClient(PeerClientConfig config) {
        this.config = config;
        this.watchdog = new WriteWatchdog(config.writeTimeout().toNanos());
    }

    public PeerClientConfig config() {
        return config;
    }

    /**
     * Sends a command, reply or in-memory file write to {@code target}.
     *
     * <p>Commands are tried up to 3 times 6 s apart and replies 3 times 1 s apart, but only while no frame was
     * written; a command whose connection is refused is tried again only 250 ms later and fails with 208 within a
     * second; one that never connected for another reason fails with 81. A {@link OutboundMessage.Kind#FILE}
     * message is tried once and succeeds only when the peer closes in an orderly way.
     *
     * @param ours this node's TCP server addresses; null when the server is not running (fails with 21)
     */
    public TransferResult sendMessage(PeerAddress target, OutboundMessage message, SourceAddress ours) {
        RetryPolicy retry = switch (message.kind()) {
            case COMMAND -> config.commandRetry();
            case REPLY -> config.replyRetry();
            case FILE -> RetryPolicy.ONCE;
        };
        return sendMessage(target, message, ours, retry);
    }

    /**
     * Like {@link #sendMessage(PeerAddress, OutboundMessage, SourceAddress)} with explicit connection attempts, for
     * callers that schedule their own retries instead of sleeping in this thread (the TCP server's reply sender).
     */
    public TransferResult sendMessage(PeerAddress target, OutboundMessage message, SourceAddress ours,
                                      RetryPolicy retry) {
        if (ours == null) {
            return noSourceAddress(target);
        }
        List<Frame> frames = message.frames(ours, target.ip());
        PeerAddress connectTo = ours.connectAddress(target);
        boolean needClose = message.kind() == OutboundMessage.Kind.FILE;
        TransferResult result;
        int attempt = 1;
        while (true) {
            result = attempt(target, connectTo, FrameSource.of(frames), needClose, attempt);
            if (result.success() || result.failure().afterConnect() || attempt >= retry.attempts()
                    || !pause(pauseAfter(message, result, retry))) {
                break;
            }
            attempt++;
        }
        if (message.kind() == OutboundMessage.Kind.COMMAND && !result.success() && !result.failure().afterConnect()
                && result.failure() != TransferFailure.CONNECTION_REFUSED) {
            // §9.2: a command that could not connect fails with 81 "Connection Error".
            result = withCode(result, ErrorCode.CONNECTION.code());
        }
        if (!result.success()) {
            LOG.debug("Sending {} to {} failed: {}", message, target, result);
        }
        return result;
    }

    /**
     * Streams a file from disk as a {@code file write <name>} (PROTOCOL.md §7.1) in one connection attempt, reading
     * one frame at a time into a single reused buffer. Success means every frame was written, the output shut down
     * and the peer closed in an orderly way within the close wait (PUBLISHER.md §5.4).
     *
     * @param name        the name on the receiver (for flag 1 a bare file name); spaces are sent as TAB
     * @param genericFlag see {@link GenericFlag}
     * @param ours        this node's TCP server addresses; null when the server is not running (fails with 21)
     */
    public TransferResult sendFile(PeerAddress target, Path file, String name, int genericFlag, SourceAddress ours) {
        if (ours == null) {
            return noSourceAddress(target);
        }
        Progress p = new Progress(target, 1);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return p.fail(TransferFailure.LOCAL_FILE_ERROR, ErrorCode.FILE_NOT_EXISTS.code(),
                    "file does not exist: " + file);
        } catch (IOException | RuntimeException e) {
            return p.fail(TransferFailure.LOCAL_FILE_ERROR, e.toString());
        }
        try (channel) {
            return send(target, channel, file.toString(), name, genericFlag, ours);
        } catch (IOException e) {
            return p.fail(TransferFailure.LOCAL_FILE_ERROR, e.toString());
        }
    }

    /**
     * Like {@link #sendFile} with the content read from a stream (for example a file gzip'd on the way, PUBLISHER.md
     * §5.2): frames are produced as the stream is read, so memory stays constant. The caller closes the stream.
     */
    public TransferResult sendStream(PeerAddress target, InputStream content, String name, int genericFlag,
                                     SourceAddress ours) {
        if (ours == null) {
            return noSourceAddress(target);
        }
        return send(target, Channels.newChannel(content), "stream", name, genericFlag, ours);
    }

    private TransferResult send(PeerAddress target, ReadableByteChannel channel, String what, String name,
                                int genericFlag, SourceAddress ours) {
        FrameSource source = new FileFrameStreamer(FileWriteCommand.forName(name), genericFlag,
                ours.choose(target.ip()), channel);
        TransferResult result = attempt(target, ours.connectAddress(target), source, true, 1);
        if (!result.success()) {
            LOG.debug("Sending {} as '{}' to {} failed: {}", what, name, target, result);
        }
        return result;
    }

    /** Stops the write-timeout thread; sends after this fail with an exception. */
    @Override
    public void close() {
        watchdog.close();
    }

    private TransferResult attempt(PeerAddress target, PeerAddress connectTo, FrameSource source, boolean needClose,
                                   int attemptNo) {
        Progress p = new Progress(target, attemptNo);
        // A direct socket: the default one asks the ProxySelector (building a URI) on every connect, measurable at
        // thousands of transfers a second; peers are reached directly (PROTOCOL.md), never through a SOCKS proxy.
        Socket socket = new Socket(java.net.Proxy.NO_PROXY);
        try {
            try {
                socket.setTcpNoDelay(true);
                socket.setKeepAlive(true);
                socket.setSendBufferSize(config.sendBufferSize());
                socket.connect(new InetSocketAddress(connectTo.ip(), connectTo.port()),
                        millis(config.connectTimeout()));
            } catch (ConnectException e) {
                return p.fail(isRefusal(e) ? TransferFailure.CONNECTION_REFUSED : TransferFailure.CONNECTION_ERROR,
                        e.toString());
            } catch (SocketTimeoutException e) {
                return p.fail(TransferFailure.CONNECT_TIMEOUT,
                        "no connection to " + connectTo + " within " + config.connectTimeout().toMillis() + " ms");
            } catch (IOException | RuntimeException e) {
                return p.fail(TransferFailure.CONNECTION_ERROR, e.toString());
            }
            TransferResult failed = writeFrames(socket, source, p);
            return failed != null ? failed : awaitClose(socket, p, needClose);
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // the transfer's outcome is already decided
            }
        }
    }

    /**
     * Writes every frame; returns null when all were written, else the failure. Frames go out in batches of up to
     * {@link #BATCH_FRAMES} per write call, which fit the 40,960-byte send buffer: a large file then costs one
     * system call per 32 KiB instead of one per frame. The write timeout applies to each call.
     */
    private TransferResult writeFrames(Socket socket, FrameSource source, Progress p) {
        try (WriteWatchdog.Watch watch = watchdog.watch(socket)) {
            OutputStream out = socket.getOutputStream();
            byte[] batch = null;
            int batched = 0;
            long batchedPayload = 0;
            while (true) {
                boolean more;
                try {
                    more = source.next();
                } catch (IOException e) {
                    return p.fail(TransferFailure.LOCAL_FILE_ERROR, "reading the file failed: " + e);
                }
                if (more) {
                    if (batch == null) {
                        batch = new byte[BATCH_FRAMES * FrameLayout.FRAME_SIZE];
                    }
                    System.arraycopy(source.frame(), 0, batch, batched * FrameLayout.FRAME_SIZE, FrameLayout.FRAME_SIZE);
                    batched++;
                    batchedPayload += source.payloadLength();
                }
                if (batched == BATCH_FRAMES || (!more && batched > 0)) {
                    p.writeAttempted = true;
                    watch.arm();
                    try {
                        out.write(batch, 0, batched * FrameLayout.FRAME_SIZE);
                    } catch (IOException e) {
                        String frames = batched == 1 ? "frame " + (p.frames + 1)
                                : "frames " + (p.frames + 1) + "-" + (p.frames + batched);
                        return watch.fired()
                                ? p.fail(TransferFailure.WRITE_TIMEOUT, frames + " not written within "
                                        + config.writeTimeout().toMillis() + " ms")
                                : p.fail(TransferFailure.SEND_ERROR, "writing " + frames + ": " + e);
                    } finally {
                        watch.disarm();
                    }
                    p.frames += batched;
                    p.payloadBytes += batchedPayload;
                    batched = 0;
                    batchedPayload = 0;
                }
                if (!more) {
                    return null;
                }
            }
        } catch (IOException e) {
            return p.fail(TransferFailure.SEND_ERROR, e.toString());
        }
    }

    /** §9.1: shut down output, then read until end-of-stream or the close wait ends. */
    private TransferResult awaitClose(Socket socket, Progress p, boolean needClose) {
        TransferFailure failure = null;
        String detail = null;
        long unexpected = 0;
        long deadline = System.nanoTime() + config.closeWait().toNanos();
        try {
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            byte[] drain = new byte[512];
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SocketTimeoutException();
                }
                socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                int n = in.read(drain);
                if (n < 0) {
                    p.closedOrderly = true;
                    break;
                }
                unexpected += n;
            }
        } catch (SocketTimeoutException e) {
            failure = TransferFailure.NO_ORDERLY_CLOSE;
            detail = "no orderly close within " + config.closeWait().toMillis() + " ms";
        } catch (IOException e) {
            failure = TransferFailure.CLOSE_ERROR;
            detail = "connection broke instead of closing: " + e;
        }
        if (unexpected > 0) {
            LOG.warn("Peer {} sent {} unexpected bytes on a request connection; discarded", p.target, unexpected);
        }
        if (failure != null && needClose) {
            return p.fail(failure, detail);
        }
        if (failure != null) {
            LOG.debug("Message to {} was written, but: {}", p.target, detail);
        }
        return p.ok();
    }

    /** The longest pause before a command's next attempt after a refused connection. */
    static final Duration REFUSED_PAUSE = Duration.ofMillis(250);

    /**
     * The pause before the next attempt. A refused connection is a definite answer (nothing listens there), so a
     * command tries again only briefly (a peer that is restarting) and fails with 208 within a second instead of
     * after 12 s; other connection failures keep the policy's pause. Who needs the peer later tries again on its
     * own schedule (the ledger sync, the policy push at the next merge).
     */
    private static Duration pauseAfter(OutboundMessage message, TransferResult failed, RetryPolicy retry) {
        if (message.kind() == OutboundMessage.Kind.COMMAND && failed.failure() == TransferFailure.CONNECTION_REFUSED
                && retry.delay().compareTo(REFUSED_PAUSE) > 0) {
            return REFUSED_PAUSE;
        }
        return retry.delay();
    }

    private static TransferResult noSourceAddress(PeerAddress target) {
        return new Progress(target, 0).fail(TransferFailure.NO_SOURCE_ADDRESS,
                "the TCP server is not running, replies could not reach this node");
    }

    private static TransferResult withCode(TransferResult r, int code) {
        return new TransferResult(r.success(), r.target(), r.attempts(), r.framesSent(), r.payloadBytes(),
                r.writeAttempted(), r.closedOrderly(), r.failure(), code, r.detail());
    }

    private static boolean isRefusal(ConnectException e) {
        String m = e.getMessage();
        return m != null && m.toLowerCase(Locale.ROOT).contains("refused");
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    private static boolean pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What one attempt achieved so far. */
    private static final class Progress {
        final PeerAddress target;
        final int attempt;
        long frames;
        long payloadBytes;
        boolean writeAttempted;
        boolean closedOrderly;

        Progress(PeerAddress target, int attempt) {
            this.target = target;
            this.attempt = attempt;
        }

        TransferResult ok() {
            return new TransferResult(true, target, attempt, frames, payloadBytes, writeAttempted, closedOrderly,
                    null, 0, null);
        }

        TransferResult fail(TransferFailure failure, String detail) {
            return fail(failure, failure.code(), detail);
        }

        TransferResult fail(TransferFailure failure, int code, String detail) {
            return new TransferResult(false, target, attempt, frames, payloadBytes, writeAttempted, closedOrderly,
                    failure, code, detail);
        }
    }
}
