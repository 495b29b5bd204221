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
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes a received large message (PROTOCOL.md §7.6): the command text written to {@code !tmp_dir} runs as a peer
 * command under the allowlist, like one that fitted into a frame; the file is deleted when the command succeeded
 * and moved to {@code !err_dir} when it failed, so an operator can see what a peer sent.
 */
final class LargeMessageRunner {
    private static final Logger LOG = LoggerFactory.getLogger(LargeMessageRunner.class);

    private final PeerCommandRunner commands;
    private final NodeFolderGuard guard;
    private final Path errDir;

    LargeMessageRunner(PeerCommandRunner commands, NodeFolderGuard guard, Path errDir) {
        this.commands = commands;
        this.guard = guard;
        this.errDir = errDir;
    }

    /**
     * Runs the command in {@code file}, received as {@code message}, and deletes or keeps the file.
     *
     * @return the reply for the message's source, or null when the command succeeded without output
     */
    OutboundMessage run(InboundMessage message, Path file) {
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
        if (outcome.code() == 0) {
            delete(file);
        } else {
            keepForInspection(file);
        }
        return outcome.reply();
    }

    /** Drops a received large message that will not run (the node is too busy to take it). */
    void discard(Path file) {
        delete(file);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete large message {}: {}", file, e.toString());
        }
    }

    private void keepForInspection(Path file) {
        try {
            String name = file.getFileName().toString();
            Path target = guard.inside(errDir, name);
            for (int n = 1; Files.exists(target); n++) {
                target = guard.inside(errDir, name + "." + n);
            }
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot move failed large message {} to {}: {}", file, errDir, e.toString());
            delete(file);
        }
    }
}
