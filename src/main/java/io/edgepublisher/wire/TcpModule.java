package io.edgepublisher.wire;

import io.edgepublisher.node.Node;
import io.edgepublisher.wire.client.JobRegistry;
import io.edgepublisher.wire.client.RunClientCommand;
import io.edgepublisher.wire.inbound.EchoListeners;
import io.edgepublisher.wire.server.ReplySender;
import io.edgepublisher.wire.server.RunTcpServerCommand;
import io.edgepublisher.wire.server.TcpServer;
import io.edgepublisher.wire.server.TcpServerStarter;

/**
 * Installs the TCP peer protocol in a node: {@code run tcp server}, {@code run client}, the {@code TCP} row of
 * {@code get processes}, and the node services other capabilities use:
 *
 * <ul>
 *   <li>{@link PeerClient}: one per node, always present. Send with {@code node.service(PeerClient.class)}.</li>
 *   <li>{@link SourceAddress}: registered by {@code run tcp server}; absent until then. Pass it to every
 *       {@code PeerClient} send (a null one fails with 21).</li>
 *   <li>{@link TcpServer}: registered by {@code run tcp server}; {@link TcpServer#isRunning()} is false while its
 *       route is stopped (e.g. over JMX).</li>
 *   <li>{@link EchoListeners}: always present. The publisher adds its correlator with
 *       {@code node.service(EchoListeners.class).add(listener)}; it is told about every {@code echo} no waiting
 *       {@code run client} job claimed.</li>
 *   <li>{@link JobRegistry}: the waiting {@code run client} jobs.</li>
 *   <li>{@link io.edgepublisher.wire.inbound.LedgerFileReceiver} is not created here: the metadata capability
 *       registers one ({@code node.register(LedgerFileReceiver.class, receiver)}) and the TCP server hands it every
 *       generic-flag-2 {@code file write}, refusing them all (294) while none is registered.</li>
 * </ul>
 */
public final class TcpModule {
    private TcpModule() {
    }

    public static void install(Node node) {
        EchoListeners echoes = new EchoListeners();
        PeerClient client = new PeerClient();
        JobRegistry jobs = new JobRegistry();
        node.register(EchoListeners.class, echoes);
        node.register(PeerClient.class, client);
        node.register(JobRegistry.class, jobs);
        ReplySender replies = new ReplySender(client, () -> node.service(SourceAddress.class));
        WireConfiguration camel = new WireConfiguration(replies);
        node.configuration(camel);

        node.commands().register(new RunTcpServerCommand(new TcpServerStarter(node, jobs, echoes, replies)));
        node.commands().register(new RunClientCommand(jobs, camel.clientSenders()));
        node.processes().register("TCP", () -> {
            TcpServer s = node.service(TcpServer.class);
            return s == null ? null : s.status();
        });
        // The reply and run client pools stop with the Camel context.
        node.onClosed(client::close);
    }
}
