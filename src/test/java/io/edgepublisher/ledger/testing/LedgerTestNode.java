package io.edgepublisher.ledger.testing;

import io.edgepublisher.node.Beans;
import io.edgepublisher.command.CommandResult;
import io.edgepublisher.command.Session;
import io.edgepublisher.command.Source;
import io.edgepublisher.config.Dictionary;
import io.edgepublisher.config.NodeDirectories;
import io.edgepublisher.ledger.LedgerModule;
import io.edgepublisher.ledger.MetadataService;
import io.edgepublisher.ledger.sync.Synchronizer;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.commands.NodeCommands;
import io.edgepublisher.wire.PeerClient;
import io.edgepublisher.wire.PeerClientConfig;
import io.edgepublisher.wire.RetryPolicy;
import io.edgepublisher.wire.SourceAddress;
import io.edgepublisher.wire.inbound.LedgerFileReceiver;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import io.edgepublisher.ledger.sync.LedgerMerger;

/**
 * A node with the node commands and the metadata capability, without Camel, for command tests. It stands in for the
 * TCP server: it registers a {@link PeerClient} (short timeouts, 2 command attempts 100 ms apart) and our
 * {@link SourceAddress}, backed by a {@link LedgerInbound} that feeds flag-2 files to the node's receiver.
 */
public final class LedgerTestNode implements AutoCloseable {
    public static final PeerClientConfig FAST = PeerClientConfig.defaults()
        .withConnectTimeout(Duration.ofSeconds(2)).withCloseWait(Duration.ofSeconds(5))
        .withCommandRetry(new RetryPolicy(2, Duration.ofMillis(100)));

    private final Node node;
    private final PeerClient client = new PeerClient(FAST);
    private LedgerInbound inbound;

    private LedgerTestNode(Node node) {
        this.node = node;
    }

    /** A node whose home is {@code home}; dictionary: ip/external_ip 127.0.0.1, TCP port 32248. */
    public static LedgerTestNode create(Path home, Clock clock) {
        Dictionary d = new Dictionary();
        NodeDirectories dirs = NodeDirectories.at(home);
        dirs.prepare(d);
        d.put("ip", "127.0.0.1");
        d.put("external_ip", "127.0.0.1");
        d.put("anylog_server_port", "32248");
        Node node = new Node(d, dirs, Map.of(), clock);
        NodeCommands.install(node);
        LedgerModule.install(node);
        // Without Camel nothing starts the merger's thread (the ep-ledger-merge profile): give it one.
        Beans.get(node, LedgerMerger.class).runOn(Executors.newSingleThreadExecutor());
        return new LedgerTestNode(node);
    }

    /** Registers the TCP server's services (peer client, our address, inbound ledger files). */
    public LedgerTestNode withTcp() throws IOException {
        inbound = new LedgerInbound(Beans.get(node, LedgerFileReceiver.class));
        Beans.bind(node, PeerClient.class, client);
        Beans.bind(node, SourceAddress.class, SourceAddress.internalOnly(inbound.address()));
        return this;
    }

    public Node node() {
        return node;
    }

    public LedgerInbound inbound() {
        return inbound;
    }

    public MetadataService metadata() {
        return Beans.get(node, MetadataService.class);
    }

    public Synchronizer sync() {
        return Beans.get(node, Synchronizer.class);
    }

    /** The ledger's part of boot phase 0 (loads the ledger file); without Camel, nothing else runs it. */
    public LedgerTestNode boot() {
        metadata().loadAtBoot();
        return this;
    }

    public CommandResult exec(String line) {
        return node.interpreter().execute(line, new Session(Source.INTERNAL, null));
    }

    public CommandResult exec(String line, Source source) {
        return node.interpreter().execute(line, new Session(source, null));
    }

    public String ok(String line) {
        CommandResult r = exec(line);
        if (r.isError()) {
            throw new AssertionError("'" + line + "' failed: " + r.describe());
        }
        return r.output();
    }

    @Override
    public void close() throws IOException {
        // What the Camel context stops and closes on a real node.
        Beans.get(node, LedgerMerger.class).close();
        Beans.get(node, io.edgepublisher.ledger.sync.MasterLink.class).close();
        client.close();
        if (inbound != null) {
            inbound.close();
        }
    }
}
