package io.edgepublisher.wire.server;

import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.wire.EchoReply;
import io.edgepublisher.wire.InboundMessage;
import io.edgepublisher.wire.OutboundMessage;
import io.edgepublisher.wire.RequestRef;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes a received large message (PROTOCOL.md §7.6): the command text written to {@code !tmp_dir} runs as a peer
 * command under the allowlist, like one that fitted into a frame, and its file is deleted afterwards, whatever the
 * outcome. A failed one is not kept in {@code !err_dir} (as EdgeLake does): any peer can send one without
 * authentication, so keeping them would let it fill the disk; the runner logs the failure and the peer gets an echo.
 */
final class LargeMessageRunner {
    private static final Logger LOG = LoggerFactory.getLogger(LargeMessageRunner.class);

    private final PeerCommandRunner commands;

    LargeMessageRunner(PeerCommandRunner commands) {
        this.commands = commands;
    }

    /**
     * Runs the command received as {@code message} into {@code sink}, then deletes its file.
     *
     * @return the reply for the message's source, or null when the command succeeded without output
     */
    OutboundMessage run(InboundMessage message, LargeMessageSink sink) {
        try {
            return run(message, sink.target());
        } finally {
            delete(sink.target());
            sink.release();
        }
    }

    private OutboundMessage run(InboundMessage message, Path file) {
        // The frames were file writes: keep the job fields, but answer like a command request (flag 0).
        RequestRef f = message.requestRef();
        RequestRef request = new RequestRef(f.jobLocation(), f.jobId(), f.receivers(), f.receiverId(),
            f.partitionsUsed(), f.partitionId(), 0);
        String from = InboundDispatcher.source(message);
        PeerCommandRunner.Outcome outcome;
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                .toString();
            outcome = commands.run(text, request, from);
        } catch (CharacterCodingException e) {
            LOG.info("Large message {} from {} is not UTF-8 text", file.getFileName(), from);
            int code = ErrorCode.COMMAND_STRUCTURE.code();
            outcome = new PeerCommandRunner.Outcome(code, EchoReply.status(request, code, ErrorCode.textOf(code)));
        } catch (IOException e) {
            LOG.warn("Large message {} from {} cannot be read: {}", file, from, e.toString());
            int code = ErrorCode.IO.code();
            outcome = new PeerCommandRunner.Outcome(code, EchoReply.status(request, code, ErrorCode.textOf(code)));
        }
        return outcome.reply();
    }

    /** Drops a received large message that will not run (the node is too busy to take it). */
    void discard(LargeMessageSink sink) {
        delete(sink.target());
        sink.release();
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete large message {}: {}", file, e.toString());
        }
    }
}
