package io.edgepublisher.wire.server;

import io.edgepublisher.node.Beans;
import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.config.NodeDirectories;
import io.edgepublisher.node.Node;
import io.edgepublisher.wire.CommandRequest;
import io.edgepublisher.wire.client.JobRegistry;
import io.edgepublisher.wire.inbound.EchoListeners;
import io.edgepublisher.wire.inbound.LedgerFileReceiver;
import java.io.IOException;

/**
 * Assembles the TCP server for {@code run tcp server}: the file rules over the node's folders, the allowlisted
 * command runner, the dispatcher that feeds them on the query pool, and the route.
 */
public final class TcpServerStarter implements RunTcpServerCommand.Starter {
    private final Node node;
    private final JobRegistry jobs;
    private final EchoListeners echoes;
    private final ReplyChannel replies;

    public TcpServerStarter(Node node, JobRegistry jobs, EchoListeners echoes, ReplyChannel replies) {
        this.node = node;
        this.jobs = jobs;
        this.echoes = echoes;
        this.replies = replies;
    }

    @Override
    public TcpServer start(TcpServerSettings settings) {
        NodeDirectories dirs = node.dirs();
        NodeFolderGuard guard;
        try {
            guard = new NodeFolderGuard(dirs.root());
        } catch (IOException e) {
            throw new CommandException(ErrorCode.DIR_NOT_EXISTS, "The node folder " + dirs.root() + " is not usable: "
                + e.getMessage(), e);
        }
        InboundFileRules.removeLeftovers(dirs.dir("tmp_dir"));
        // A large message is a command, and no command exceeds 1 MiB (PROTOCOL.md §7.6), whatever tcp_max_message
        // allows for replies.
        InboundFileRules files = new InboundFileRules(guard, dirs.dir("tmp_dir"),
            Math.min(settings.maxMessageBytes(), CommandRequest.MAX_COMMAND_BYTES),
            new LargeMessageBudget(LargeMessageBudget.DEFAULT_BYTES), () -> Beans.get(node, LedgerFileReceiver.class));
        PeerCommandRunner commands = new PeerCommandRunner(node, new PeerAllowlist(node.dictionary()));
        LargeMessageRunner large = new LargeMessageRunner(commands);
        InboundDispatcher dispatcher = new InboundDispatcher(commands, large, jobs, echoes, replies,
            node.queryPool()::submit);
        return TcpServer.start(node, settings, dispatcher, files);
    }
}
