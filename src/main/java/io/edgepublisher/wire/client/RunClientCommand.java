package io.edgepublisher.wire.client;

import io.edgepublisher.node.Beans;
import io.edgepublisher.command.BaseCommand;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.Output;
import io.edgepublisher.node.Node;
import io.edgepublisher.rest.RestServer;
import io.edgepublisher.wire.CommandRequest;
import io.edgepublisher.wire.OutboundMessage;
import io.edgepublisher.wire.PeerAddress;
import io.edgepublisher.wire.PeerClient;
import io.edgepublisher.wire.SourceAddress;
import io.edgepublisher.wire.TransferResult;
import io.edgepublisher.wire.server.TcpServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code run client (<ip:port>[, …][, subset = <bool>][, timeout = <n>]) <command>} (COMMANDS.md §4.28): sends the
 * command to each peer, one connection each, in parallel.
 *
 * <p>When the session waits for replies (REST, the right-hand side of an assignment) the request carries a job
 * location and id, and the command returns the aggregated replies ({@link ReplyAggregator}) once every peer
 * answered or the timeout passed: {@code timeout}, else the REST server's timeout, else 20 s. Otherwise the job id
 * is 0, the command returns once the requests are written, and replies are logged when they arrive.
 */
public final class RunClientCommand extends BaseCommand {
    private static final Logger LOG = LoggerFactory.getLogger(RunClientCommand.class);
    static final long DEFAULT_TIMEOUT_SECONDS = 20;

    private final JobRegistry jobs;
    private final Executor senders;

    /**
     * @param jobs    the node's waiting jobs, which the TCP server fills with replies
     * @param senders runs the blocking sends (up to 3 connection attempts 6 s apart each)
     */
    public RunClientCommand(JobRegistry jobs, Executor senders) {
        super(List.of("run client"),
            "run client (<ip:port>[, <ip:port>]…[, subset = true][, timeout = <seconds>]) <command>",
            Method.POST, false);
        this.jobs = jobs;
        this.senders = senders;
    }

    @Override
    public Output execute(CommandCall call) {
        if (call.argCount() == 0) {
            throw new CommandException(ErrorCode.DESTINATION_NODE, "'run client' needs (ip:port) destinations");
        }
        ClientTargets targets = ClientTargets.parse(call.arg(0), call.resolver());
        if (call.argCount() < 2) {
            throw call.structure("'run client (…)' needs a command to send");
        }
        String text = PeerCommandText.of(call, 1);
        Node node = call.node();
        TcpServer server = Beans.find(node, TcpServer.class);
        SourceAddress ours = Beans.find(node, SourceAddress.class);
        if (server == null || ours == null || !server.isRunning()) {
            throw new CommandException(ErrorCode.SOURCE_SERVER,
                "The TCP server is not running, so peers could not reply: start it with 'run tcp server'");
        }
        PeerClient client = Beans.get(node, PeerClient.class);
        if (call.session().waitForReplies()) {
            // §4.28: an assigned reply of one peer is stored without its "[From Node …]" prefix, from any source
            // (a REST command 'x = run client …' as well as a script line)
            return sendAndWait(client, ours, targets, text, timeoutSeconds(node, targets), call.session().assigning());
        }
        sendOnly(client, ours, targets, text);
        return Output.none();
    }

    private Output sendAndWait(PeerClient client, SourceAddress ours, ClientTargets t, String text, long timeout,
                               boolean assignment) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
        Job job = jobs.open(t.targets());
        try {
            List<OutboundMessage> requests = requests(text, t.targets().size(), job.location(), job.id());
            for (int i = 0; i < requests.size(); i++) {
                int index = i;
                PeerAddress target = t.targets().get(i);
                senders.execute(() -> {
                    TransferResult r = client.sendMessage(target, requests.get(index), ours);
                    if (!r.success()) {
                        job.sendFailed(index, r.errorCode(), r.detail());
                    }
                });
            }
            try {
                job.await(deadline - System.nanoTime());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CommandException(ErrorCode.PROCESS_FAILURE, "Interrupted while waiting for peer replies");
            }
            ReplyAggregator.Result r = ReplyAggregator.aggregate(job.slots(), t.subset(), assignment);
            if (r.code() != 0) {
                throw new CommandException(r.code(), r.detail());
            }
            return Output.text(r.output());
        } finally {
            jobs.close(job);
        }
    }

    private void sendOnly(PeerClient client, SourceAddress ours, ClientTargets t, String text) {
        List<OutboundMessage> requests = requests(text, t.targets().size(), 0, 0);
        List<CompletableFuture<TransferResult>> sends = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            PeerAddress target = t.targets().get(i);
            OutboundMessage m = requests.get(i);
            sends.add(CompletableFuture.supplyAsync(() -> client.sendMessage(target, m, ours), senders));
        }
        TransferResult firstFailure = null;
        for (CompletableFuture<TransferResult> f : sends) {
            TransferResult r = f.join();
            if (!r.success()) {
                LOG.warn("run client: '{}' was not sent to {}: {}", text, r.target(), r);
                firstFailure = firstFailure == null ? r : firstFailure;
            }
        }
        if (firstFailure != null && !t.subset()) {
            throw new CommandException(firstFailure.errorCode(),
                "Sending to " + firstFailure.target() + " failed: " + firstFailure.detail());
        }
    }

    /** One request per target (receiver id = index); built first so a too-large command fails before any send. */
    private static List<OutboundMessage> requests(String text, int count, int location, long id) {
        List<OutboundMessage> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(CommandRequest.of(text).job(location, id).receivers(count, i).build());
        }
        return out;
    }

    private static long timeoutSeconds(Node node, ClientTargets t) {
        if (t.timeoutSeconds() != null) {
            return t.timeoutSeconds();
        }
        RestServer rest = Beans.find(node, RestServer.class);
        int restTimeout = rest == null ? 0 : rest.settings().timeoutSeconds();
        return restTimeout > 0 ? restTimeout : DEFAULT_TIMEOUT_SECONDS;
    }
}
