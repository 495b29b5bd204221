package io.edgepublisher.wire.testing;

import io.edgepublisher.wire.EchoReply;
import io.edgepublisher.wire.FileWriteResult;
import io.edgepublisher.wire.FrameDecoder;
import io.edgepublisher.wire.FrameLayout;
import io.edgepublisher.wire.InboundMessage;
import io.edgepublisher.wire.MessageAssembler;
import io.edgepublisher.wire.PeerAddress;
import io.edgepublisher.wire.PeerClient;
import io.edgepublisher.wire.PeerClientConfig;
import io.edgepublisher.wire.RetryPolicy;
import io.edgepublisher.wire.SourceAddress;
import io.edgepublisher.wire.TransferResult;
import io.edgepublisher.wire.WireProtocolException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A stand-in for an EdgeLake operator's TCP server, for tests: it accepts connections on a loopback port, decodes
 * frames with the production {@link FrameDecoder} and {@link MessageAssembler}, stores {@code file write} flag-1 files
 * like an operator (§7.2), and records what arrived.
 *
 * <pre>{@code
 * try (OperatorSink sink = OperatorSink.builder().watchDir(dir).build().start()) {
 *     client.sendFile(sink.address(), file, name, 1, ours);
 *     ReceivedFile f = sink.awaitFile(name, Duration.ofSeconds(5)).orElseThrow();
 * }
 * }</pre>
 *
 * <p>Behaviours for failure tests: {@link #rejectFiles} answers matching files with EdgeLake's
 * {@code echo 'File write' operation failed: …} on a new connection to the frames' source address;
 * {@link #dropConnections} accepts connections and resets them mid-transfer; {@link #stop()} and {@link #start()}
 * simulate an outage on the same port. Thread-safe.
 */
public final class OperatorSink implements AutoCloseable {
    private final String host;
    private final Path watchDir;
    private final Duration idleTimeout;
    private final int threads;
    private final ExecutorService echoSender = Executors.newSingleThreadExecutor(daemon("operator-sink-echo"));
    private final SinkRules rules = new SinkRules();
    private final SinkFiles files;
    private final PeerClient echoClient = new PeerClient(PeerClientConfig.defaults()
            .withConnectTimeout(Duration.ofSeconds(2)).withCloseWait(Duration.ofSeconds(5))
            .withReplyRetry(new RetryPolicy(3, Duration.ofMillis(200))));

    private final SinkRecords records = new SinkRecords();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private volatile int port;
    private volatile ServerSocket server;
    private final List<Thread> workers = new ArrayList<>();

    private OperatorSink(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.watchDir = b.watchDir;
        this.idleTimeout = b.idleTimeout;
        this.threads = b.threads;
        this.files = new SinkFiles(watchDir, rules, records::file);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port (the same one again after {@link #stop()}) and starts accepting. */
    public synchronized OperatorSink start() throws IOException {
        if (server != null) {
            return this;
        }
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(host, port), 4096);
        port = s.getLocalPort();
        server = s;
        // Every worker accepts and serves on its own: no hand-off between threads, which is what keeps thousands
        // of short connections per second cheap. A long transfer only occupies its own worker.
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(() -> acceptLoop(s), "operator-sink-" + port + "-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        return this;
    }

    /** Closes the listening socket and every open connection, like a node going down. Records are kept. */
    public synchronized void stop() {
        stop(false);
    }

    /**
     * Like {@link #stop()}, but open connections are reset (RST) instead of closed, as when the operator's process
     * dies: a sender whose transfer was cut sees an error, never an orderly close of a file that was not stored.
     */
    public synchronized void crash() {
        stop(true);
    }

    private void stop(boolean reset) {
        if (reset) {
            for (Socket c : open) {
                try {
                    c.setSoLinger(true, 0);
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }
        ServerSocket s = server;
        server = null;
        if (s != null) {
            closeQuietly(s);
        }
        for (Socket c : open) {
            closeQuietly(c);
        }
        // The port only stops accepting once no worker is left inside accept(), so wait for them: after stop()
        // returns, connection attempts are refused, which is what outage tests rely on.
        for (Thread w : workers) {
            try {
                w.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        workers.clear();
    }

    /** Stops and releases all threads. */
    @Override
    public void close() {
        stop();
        echoSender.shutdownNow();
        echoClient.close();
    }

    public boolean isRunning() {
        return server != null;
    }

    public int port() {
        return port;
    }

    /** The address to send to (and the source address this sink writes into its echoes). */
    public PeerAddress address() {
        return new PeerAddress(host, port);
    }

    /** Files received completely, in completion order. */
    public List<ReceivedFile> files() {
        return records.files();
    }

    /** Every other complete message: commands, {@code print}/{@code echo} replies, job replies. */
    public List<InboundMessage> messages() {
        return records.messages();
    }

    /** File writes that were refused (by {@link #rejectFiles} or the flag-1/bare-name rules) or failed. */
    public List<FileWriteResult> refusedFiles() {
        return records.refused();
    }

    /** One line per connection dropped for a protocol violation, premature end or idle timeout. */
    public List<String> protocolErrors() {
        return records.protocolErrors();
    }

    /** Results of the echoes sent back for refused files. */
    public List<TransferResult> echoesSent() {
        return records.echoes();
    }

    /** Connections accepted since construction (or {@link #reset()}). */
    public int connections() {
        return records.connections();
    }

    /** Forgets everything recorded so far; behaviours stay. */
    public void reset() {
        records.reset();
    }

    /**
     * Refuses files whose name matches: nothing is stored and {@code echo 'File write' operation failed: <reason:
     * name>} with {@code errorCode} goes back to the frames' source address, as EdgeLake does.
     */
    public void rejectFiles(Predicate<String> names, int errorCode, String reason) {
        rules.reject(names, errorCode, reason);
    }

    /** Removes all {@link #rejectFiles} rules. */
    public void acceptAllFiles() {
        rules.acceptAll();
    }

    /** The next {@code count} connections are reset (RST) after {@code afterFrames} complete frames were read. */
    public void dropConnections(int count, int afterFrames) {
        rules.drop(count, afterFrames);
    }

    /** Waits until a file with this name (as sent) was received. */
    public Optional<ReceivedFile> awaitFile(String name, Duration timeout) throws InterruptedException {
        return records.awaitFile(name, timeout);
    }

    /** Waits until at least {@code count} files were received. */
    public boolean awaitFiles(int count, Duration timeout) throws InterruptedException {
        return records.awaitFiles(count, timeout);
    }

    /** Waits for a recorded message that matches. */
    public Optional<InboundMessage> awaitMessage(Predicate<InboundMessage> match, Duration timeout)
            throws InterruptedException {
        return records.awaitMessage(match, timeout);
    }

    private void acceptLoop(ServerSocket s) {
        FrameDecoder decoder = new FrameDecoder();
        byte[] frame = new byte[FrameLayout.FRAME_SIZE];
        while (!s.isClosed()) {
            Socket c;
            try {
                c = s.accept();
            } catch (IOException e) {
                return; // closed by stop()
            }
            records.connectionAccepted();
            open.add(c);
            serve(c, decoder, frame);
        }
    }

    private void serve(Socket socket, FrameDecoder decoder, byte[] frame) {
        int dropAfter = rules.takeDrop();
        MessageAssembler assembler = new MessageAssembler((InetSocketAddress) socket.getRemoteSocketAddress(), files);
        try (socket) {
            socket.setSoTimeout((int) idleTimeout.toMillis());
            InputStream in = socket.getInputStream();
            while (true) {
                if (dropAfter >= 0 && assembler.frames() >= dropAfter) {
                    socket.setSoLinger(true, 0); // close with RST: the sender sees a broken connection
                    assembler.abort();
                    return;
                }
                if (!BlockingFrames.read(in, frame)) {
                    assembler.abort();
                    if (assembler.frames() > 0) {
                        protocolError(socket, "connection ended before the last block");
                    }
                    return;
                }
                InboundMessage m = assembler.accept(decoder.decode(frame, 0));
                if (m != null) {
                    handled(m);
                    return;
                }
            }
        } catch (WireProtocolException e) {
            protocolError(socket, e.getMessage());
        } catch (IOException e) {
            assembler.abort();
            if (server != null) {
                protocolError(socket, e.toString());
            }
        } finally {
            assembler.abort();
            open.remove(socket);
        }
    }

    private void handled(InboundMessage m) {
        if (m.kind() == InboundMessage.Kind.FILE_WRITE) {
            FileWriteResult fw = m.fileWrite();
            if (!fw.written()) {
                records.refused(fw);
                sendEcho(m, fw);
            }
            return; // written files were recorded by the sink on completion
        }
        records.message(m);
    }

    private void sendEcho(InboundMessage m, FileWriteResult fw) {
        PeerAddress to = m.replyAddress();
        if (to == null) {
            return;
        }
        SourceAddress ours = SourceAddress.internalOnly(address());
        try {
            echoSender.execute(() -> records.echo(echoClient.sendMessage(to,
                    EchoReply.fileWriteFailed(m.requestRef(), fw.errorCode(), fw.detail()), ours)));
        } catch (RejectedExecutionException ignored) {
            // the sink is closing
        }
    }

    private void protocolError(Socket socket, String what) {
        records.protocolError(socket.getRemoteSocketAddress() + ": " + what);
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing for shutdown; nothing to recover
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Options for {@link OperatorSink}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private Path watchDir;
        private int threads = 16;
        private Duration idleTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** The port to listen on; 0 (default) picks a free one, kept across stop/start. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Where files are stored; without one, only names, sizes and digests are recorded (fastest). */
        public Builder watchDir(Path dir) {
            this.watchDir = dir;
            return this;
        }

        /** Worker threads, each accepting and serving connections (default 16). */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Longest wait for the next frame before a connection is dropped (default 30 s). */
        public Builder idleTimeout(Duration d) {
            this.idleTimeout = d;
            return this;
        }

        /** The loopback address by default. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public OperatorSink build() {
            return new OperatorSink(this);
        }
    }
}
