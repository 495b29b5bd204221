package io.edgepublisher.wire;

import io.edgepublisher.node.Beans;
import io.edgepublisher.node.Lifecycle;
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
 * {@code get processes}, and the beans (node registry, {@link io.edgepublisher.node.Beans}) other capabilities use:
 *
 * <ul>
 *   <li>{@link PeerClient}: one per node, always present. Send with {@code Beans.get(node, PeerClient.class)}.</li>
 *   <li>{@link SourceAddress}: registered by {@code run tcp server}; absent until then. Pass it to every
 *       {@code PeerClient} send (a null one fails with 21).</li>
 *   <li>{@link TcpServer}: registered by {@code run tcp server}; {@link TcpServer#isRunning()} is false while its
 *       route is stopped (e.g. over JMX).</li>
 *   <li>{@link EchoListeners}: always present. The publisher adds its correlator with
 *       {@code Beans.get(node, EchoListeners.class).add(listener)}; it is told about every {@code echo} no waiting
 *       {@code run client} job claimed.</li>
 *   <li>{@link JobRegistry}: the waiting {@code run client} jobs.</li>
 *   <li>{@link io.edgepublisher.wire.inbound.LedgerFileReceiver} is not created here: the metadata capability
 *       registers one ({@code Beans.bind(node, LedgerFileReceiver.class, receiver)}) and the TCP server hands it every
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
        Beans.bind(node, EchoListeners.class, echoes);
        Beans.bind(node, PeerClient.class, client);
        Beans.bind(node, JobRegistry.class, jobs);
        ReplySender replies = new ReplySender(client, () -> Beans.find(node, SourceAddress.class));
        WireConfiguration camel = new WireConfiguration(replies);
        node.configuration(camel);

        node.commands().register(new RunTcpServerCommand(new TcpServerStarter(node, jobs, echoes, replies)));
        node.commands().register(new RunClientCommand(jobs, camel.clientSenders()));
        node.processes().register("TCP", () -> {
            TcpServer s = Beans.find(node, TcpServer.class);
            return s == null ? null : s.status();
        });
        // The reply and run client pools stop with the Camel context; the peer client's connections after the routes.
        node.configuration(Lifecycle.configuration(ctx -> Lifecycle.onClose(ctx, client::close)));
    }
}
