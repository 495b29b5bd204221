package io.edgepublisher.wire.server;

import io.edgepublisher.wire.EchoReply;
import io.edgepublisher.wire.FileWriteResult;
import io.edgepublisher.wire.GenericFlag;
import io.edgepublisher.wire.InboundMessage;
import io.edgepublisher.wire.OutboundMessage;
import io.edgepublisher.wire.PeerAddress;
import io.edgepublisher.wire.client.JobRegistry;
import io.edgepublisher.wire.inbound.EchoListeners;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles each message the TCP server received (PROTOCOL.md §8.1), on the netty thread that decoded it; anything
 * slow goes to the command executor (the node's query pool), so the thread is free for the next connection.
 *
 * <ul>
 *   <li>{@code print}/{@code echo}: filed under the waiting {@code run client} job named by job location, id and
 *       receiver id; otherwise logged as {@code [From Node <ip>:<port>] <text>}, and echoes are published to the
 *       {@link EchoListeners} (the publisher correlates delivery failures with them).</li>
 *   <li>a command: run by {@link PeerCommandRunner} on the executor; the reply goes out through the
 *       {@link ReplyChannel}.</li>
 *   <li>{@code file write}: refused or failed transfers are answered with {@code echo 'File write' operation
 *       failed: …}; a written large message (flag 3) runs on the executor; a ledger file was already handled by its
 *       receiver.</li>
 *   <li>{@code job reply}: discarded (a publisher never asks for query results).</li>
 * </ul>
 *
 * At most {@link #MAX_PENDING} commands wait for or run on the executor; beyond that the node is overloaded and
 * further commands are dropped with a warning rather than queued without bound. Never throws.
 */
public final class InboundDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(InboundDispatcher.class);
    /** Peer commands queued or running at once. */
    static final int MAX_PENDING = 256;

    private final PeerCommandRunner commands;
    private final LargeMessageRunner largeMessages;
    private final JobRegistry jobs;
    private final EchoListeners echoes;
    private final ReplyChannel replies;
    private final Executor executor;
    private final Semaphore pending = new Semaphore(MAX_PENDING);

    InboundDispatcher(PeerCommandRunner commands, LargeMessageRunner largeMessages, JobRegistry jobs,
                      EchoListeners echoes, ReplyChannel replies, Executor executor) {
        this.commands = commands;
        this.largeMessages = largeMessages;
        this.jobs = jobs;
        this.echoes = echoes;
        this.replies = replies;
        this.executor = executor;
    }

    public void dispatch(InboundMessage m) {
        if (m == null) {
            return;
        }
        try {
            switch (m.kind()) {
                case PRINT, ECHO -> reply(m);
                case COMMAND -> command(m);
                case FILE_WRITE -> fileWrite(m);
                case JOB_REPLY -> LOG.debug("Discarded a job reply from {}: query results are never requested", source(m));
                default -> LOG.warn("Ignored {} from {}", m, source(m));
            }
        } catch (RuntimeException e) {
            // A peer must never be able to break the listener: log and carry on with the next message.
            LOG.warn("Handling {} from {} failed", m, source(m), e);
        }
    }

    private void reply(InboundMessage m) {
        if (jobs.deliver(m)) {
            return;
        }
        LOG.info("[From Node {}] {}", source(m), m.text());
        if (m.kind() == InboundMessage.Kind.ECHO) {
            echoes.publish(m);
        }
    }

    private void command(InboundMessage m) {
        String from = source(m);
        submit(from, () -> answer(m, commands.run(m.command(), m.requestRef(), from).reply()), null);
    }

    private void fileWrite(InboundMessage m) {
        FileWriteResult f = m.fileWrite();
        if (!f.written()) {
            LOG.warn("Refused file write '{}' (flag {}) from {}: {}", f.name(), f.genericFlag(), source(m), f.detail());
            answer(m, EchoReply.fileWriteFailed(m.requestRef(), f.errorCode(), f.detail()));
            return;
        }
        if (f.genericFlag() == GenericFlag.FILE_LARGE_MESSAGE && f.sink() instanceof LargeMessageSink sink) {
            submit(source(m), () -> answer(m, largeMessages.run(m, sink)), () -> largeMessages.discard(sink));
        }
    }

    private void submit(String from, Runnable task, Runnable onDrop) {
        if (!pending.tryAcquire()) {
            drop(from, MAX_PENDING + " peer commands are already waiting", onDrop);
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("Peer command from {} failed", from, e);
                } finally {
                    pending.release();
                }
            });
        } catch (RejectedExecutionException e) {
            pending.release();
            drop(from, "the query pool is not accepting work", onDrop);
        }
    }

    private static void drop(String from, String why, Runnable onDrop) {
        LOG.warn("Dropped a command from {}: {}", from, why);
        if (onDrop != null) {
            onDrop.run();
        }
    }

    private void answer(InboundMessage m, OutboundMessage reply) {
        if (reply == null) {
            return;
        }
        PeerAddress to = m.replyAddress();
        if (to == null) {
            LOG.warn("No reply to {}: its source address is not usable", m);
            return;
        }
        replies.send(to, reply);
    }

    /** {@code <ip>:<port>} of the sender as its header names it (the socket's address for {@code 0.0.0.0}). */
    static String source(InboundMessage m) {
        PeerAddress a = m.replyAddress();
        return a != null ? a.toString() : m.sourceIp() + ":" + m.sourcePort();
    }
}
