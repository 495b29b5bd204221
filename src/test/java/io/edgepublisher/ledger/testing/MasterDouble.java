package io.edgepublisher.ledger.testing;

import io.edgepublisher.ledger.Md5;
import io.edgepublisher.ledger.sync.SyncRequest;
import io.edgepublisher.wire.FileWriteRejectedException;
import io.edgepublisher.wire.FileWriteSink;
import io.edgepublisher.wire.FrameDecoder;
import io.edgepublisher.wire.FrameLayout;
import io.edgepublisher.wire.GenericFlag;
import io.edgepublisher.wire.InboundMessage;
import io.edgepublisher.wire.MessageAssembler;
import io.edgepublisher.wire.PeerAddress;
import io.edgepublisher.wire.PeerClient;
import io.edgepublisher.wire.PeerClientConfig;
import io.edgepublisher.wire.SourceAddress;
import io.edgepublisher.wire.TransferResult;
import io.edgepublisher.wire.WireProtocolException;
import io.edgepublisher.wire.testing.BlockingFrames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A stand-in for an EdgeLake master, for tests. It listens on a loopback port, decodes frames with the production
 * {@link FrameDecoder}/{@link MessageAssembler}, records every command ({@code blockchain push …},
 * {@code event get_blockchain …}), and answers a ledger request like a master (LEDGER.md §4.4 step 3): unless the
 * request's hash equals the md5 of the ledger it serves, it opens a new connection to the request's source
 * {@code ip:port} and sends the ledger with {@code file write <path minus extension>master_id_<k>.<ext>} and generic
 * flag 2 through {@link PeerClient#sendFile}, its own address as source.
 *
 * <pre>{@code
 * try (MasterDouble master = MasterDouble.start()) {
 *     master.serve(Vectors.bytes("ledger/blockchain.json"));
 *     node.exec("run blockchain sync where source = master and time = 1 seconds and dest = file and connection = "
 *         + master.connection());
 * }
 * }</pre>
 *
 * <p>{@link #stop()} and {@link #restart()} simulate an outage on the same port. Thread-safe.
 */
public final class MasterDouble implements AutoCloseable {
    private final PeerClient client = new PeerClient(PeerClientConfig.defaults()
        .withConnectTimeout(Duration.ofSeconds(2)).withCloseWait(Duration.ofSeconds(5)));
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "master-double-send");
        t.setDaemon(true);
        return t;
    });
    private final List<Received> messages = new ArrayList<>();
    private final List<TransferResult> filesSent = new ArrayList<>();
    private final Path tmp;
    private volatile int port;
    private volatile ServerSocket server;
    private volatile Thread acceptor;
    private volatile byte[] ledger;
    private volatile int counter = 1;
    private volatile boolean answer = true;

    private MasterDouble(int port) throws IOException {
        this.port = port;
        this.tmp = Files.createTempDirectory("master-double");
    }

    /** A master on a free loopback port, listening. */
    public static MasterDouble start() throws IOException {
        MasterDouble m = new MasterDouble(0);
        m.restart();
        return m;
    }

    /** The ledger file to send on requests (null: answer nothing). */
    public MasterDouble serve(byte[] content) {
        this.ledger = content;
        return this;
    }

    /** The counter {@code k} of {@code master_id_<k>} for the next transfers (default 1). */
    public MasterDouble counter(int k) {
        this.counter = k;
        return this;
    }

    /** Whether ledger requests are answered at all (default true). */
    public MasterDouble answer(boolean on) {
        this.answer = on;
        return this;
    }

    /** {@code 127.0.0.1:<port>}. */
    public String connection() {
        return "127.0.0.1:" + port;
    }

    public PeerAddress address() {
        return new PeerAddress("127.0.0.1", port);
    }

    /** Binds the same port again after {@link #stop()} (or the first time) and accepts connections. */
    public synchronized MasterDouble restart() throws IOException {
        if (server != null) {
            return this;
        }
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress("127.0.0.1", port), 64);
        port = s.getLocalPort();
        server = s;
        Thread t = new Thread(() -> acceptLoop(s), "master-double-" + port);
        t.setDaemon(true);
        t.start();
        acceptor = t;
        return this;
    }

    /** Closes the listening socket; connection attempts are refused until {@link #restart()}. */
    public synchronized void stop() {
        ServerSocket s = server;
        server = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
        Thread t = acceptor;
        if (t != null) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
        sender.shutdownNow();
        client.close();
    }

    /**
     * One received command.
     *
     * @param command the command text exactly as received (TABs included); for a large message its content
     * @param large   true when it came as a large message (flag-3 {@code file write cmd.<ip>.<k>.lmsg})
     * @param message the message as decoded
     */
    public record Received(String command, boolean large, InboundMessage message) {
    }

    /** Every command received, in order, exactly as received (TABs included). */
    public synchronized List<String> commands() {
        List<String> out = new ArrayList<>();
        for (Received r : messages) {
            out.add(r.command());
        }
        return out;
    }

    /** Every message received, in order. */
    public synchronized List<Received> received() {
        return List.copyOf(messages);
    }

    /** The ledger transfers sent so far, in order. */
    public synchronized List<TransferResult> filesSent() {
        return List.copyOf(filesSent);
    }

    /** Forgets the recorded commands and transfers. */
    public synchronized void reset() {
        messages.clear();
        filesSent.clear();
    }

    /** Waits for the {@code n}-th (1-based) command that matches. */
    public Optional<String> awaitCommand(Predicate<String> match, int n, Duration timeout)
        throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                int seen = 0;
                for (Received r : messages) {
                    if (match.test(r.command()) && ++seen == n) {
                        return Optional.of(r.command());
                    }
                }
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return Optional.empty();
                }
                wait(left);
            }
        }
    }

    /** Waits until {@code n} ledger transfers were sent (whatever their outcome). */
    public boolean awaitFilesSent(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (filesSent.size() < n) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return false;
                }
                wait(left);
            }
            return true;
        }
    }

    /**
     * Waits until every ledger transfer queued so far has been sent. After {@link #awaitCommand} returned a request,
     * {@link #filesSent()} then holds the answers to it and to every request before it: what is not there was not
     * sent.
     */
    public void awaitSendsDone(Duration timeout) throws Exception {
        sender.submit(() -> { }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void acceptLoop(ServerSocket s) {
        FrameDecoder decoder = new FrameDecoder();
        byte[] frame = new byte[FrameLayout.FRAME_SIZE];
        while (!s.isClosed()) {
            try (Socket c = s.accept()) {
                c.setSoTimeout(10_000);
                ByteArrayOutputStream large = new ByteArrayOutputStream();
                InboundMessage m = read(c, decoder, frame, large);
                if (m != null) {
                    received(m, large);
                }
            } catch (IOException | WireProtocolException e) {
                // closed by stop(), or a broken request: nothing to record
            }
        }
    }

    private static InboundMessage read(Socket socket, FrameDecoder decoder, byte[] frame, ByteArrayOutputStream large)
        throws IOException, WireProtocolException {
        MessageAssembler assembler = new MessageAssembler((InetSocketAddress) socket.getRemoteSocketAddress(),
            start -> {
                if (start.genericFlag() != GenericFlag.FILE_LARGE_MESSAGE) {
                    throw new FileWriteRejectedException(294, "a master double accepts only large messages");
                }
                return new InMemorySink(large);
            });
        try {
            return BlockingFrames.readMessage(socket.getInputStream(), decoder, frame, assembler);
        } finally {
            assembler.abort();
        }
    }

    private void received(InboundMessage m, ByteArrayOutputStream large) {
        boolean isLarge = m.kind() == InboundMessage.Kind.FILE_WRITE && m.fileWrite().written();
        String command = isLarge ? large.toString(StandardCharsets.UTF_8) : m.text();
        // Decide the answer before the command becomes visible: once awaitCommand sees a request, its reply (if
        // any) is queued, and awaitSendsDone() covers it.
        String[] w = command.split(" ");
        if (w.length == 5 && w[0].equals("event") && w[1].equals("get_blockchain")) {
            answerRequest(m, w[2], w[3]);
        }
        synchronized (this) {
            messages.add(new Received(command, isLarge, m));
            notifyAll();
        }
    }

    private void answerRequest(InboundMessage request, String path, String hash) {
        byte[] content = ledger;
        PeerAddress to = request.replyAddress();
        if (!answer || content == null || to == null || hash.equals(Md5.hex(content))) {
            return;
        }
        String name = SyncRequest.replyPath(path, counter);
        sender.execute(() -> {
            TransferResult r;
            try {
                Path file = Files.createTempFile(tmp, "ledger", ".json");
                Files.write(file, content);
                r = client.sendFile(to, file, name, GenericFlag.FILE_LEDGER, SourceAddress.internalOnly(address()));
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            synchronized (this) {
                filesSent.add(r);
                notifyAll();
            }
        });
    }

    /** Collects a large message's content. */
    private static final class InMemorySink implements FileWriteSink {
        private final ByteArrayOutputStream out;

        InMemorySink(ByteArrayOutputStream out) {
            this.out = out;
        }

        @Override
        public void append(ByteBuffer payload) {
            byte[] b = new byte[payload.remaining()];
            payload.get(b);
            out.write(b, 0, b.length);
        }

        @Override
        public void complete() {
        }

        @Override
        public void abort() {
            out.reset();
        }
    }
}
