package io.edgepublisher.wire.server;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.CommandRegistry;
import io.edgepublisher.command.CommandResult;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.command.Output;
import io.edgepublisher.command.Source;
import io.edgepublisher.command.Token;
import io.edgepublisher.command.Tokenizer;
import io.edgepublisher.json.JsonException;
import io.edgepublisher.json.JsonParser;
import io.edgepublisher.node.Node;
import io.edgepublisher.wire.EchoReply;
import io.edgepublisher.wire.OutboundMessage;
import io.edgepublisher.wire.PrintReply;
import io.edgepublisher.wire.RequestRef;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a command a peer sent (PROTOCOL.md §8.2) and builds the reply (§6.1). Runs on the query pool.
 *
 * <ul>
 *   <li>Not a command of this node: {@code echo Command '<text>' not recoginzed} (sic, EdgeLake's text), code 1.</li>
 *   <li>A command outside the {@link PeerAllowlist}: {@code echo Command '<command words>' is not allowed from
 *       peers}, code 212; it is not executed.</li>
 *   <li>Executed with a {@link Source#PEER} session (commands that answer peers differently, such as
 *       {@code blockchain get}, see it): output → {@code print} with generic flag 2 for JSON output, else 1;
 *       no output → no reply; failure → EdgeLake's {@code echo} with the code's text as payload. The failure's
 *       detail is only logged: it may quote dictionary values that a peer must not read.</li>
 * </ul>
 */
final class PeerCommandRunner {
    private static final Logger LOG = LoggerFactory.getLogger(PeerCommandRunner.class);
    /** Longest command quoted back in an echo; longer text (large messages) is cut. */
    static final int MAX_QUOTED = 1024;

    /** The result code and the reply to send (null when the command succeeded without output). */
    record Outcome(int code, OutboundMessage reply) {
    }

    private final Node node;
    private final PeerAllowlist allowlist;

    PeerCommandRunner(Node node, PeerAllowlist allowlist) {
        this.node = node;
        this.allowlist = allowlist;
    }

    /**
     * @param text    the command as received
     * @param request the fields the reply copies
     * @param from    the peer, for the log
     */
    Outcome run(String text, RequestRef request, String from) {
        List<Token> tokens;
        try {
            tokens = Tokenizer.tokenize(text);
        } catch (CommandException e) {
            LOG.info("Command from {} does not parse: {}", from, e.getMessage());
            return failed(request, e.code());
        }
        CommandRegistry.Match match = tokens.isEmpty() ? null : node.commands().lookup(tokens, 0);
        if (match == null) {
            LOG.info("Unrecognized command from {}: '{}'", from, quoted(text));
            return new Outcome(ErrorCode.UNRECOGNIZED_COMMAND.code(), EchoReply.of(request,
                ErrorCode.UNRECOGNIZED_COMMAND.code(), "Command '" + quoted(text) + "' not recoginzed"));
        }
        if (!allowlist.allows(tokens)) {
            LOG.warn("Refused command '{}' from {}: not in the peer allowlist (EP_TCP_ALLOW)", match.phrase(), from);
            // The refusal is the payload (not the command field): EdgeLake shows an echo's payload to its user.
            return new Outcome(ErrorCode.UNAUTHORIZED_COMMAND.code(), EchoReply.status(request,
                ErrorCode.UNAUTHORIZED_COMMAND.code(), "Command '" + match.phrase() + "' is not allowed from peers"));
        }
        CommandResult r = node.execute(text, Source.PEER);
        if (r.isError()) {
            LOG.info("Command '{}' from {} failed: {}", quoted(text), from, r.describe());
            return failed(request, r.code());
        }
        String out = r.output();
        if (out == null || out.isEmpty()) {
            return new Outcome(0, null);
        }
        return new Outcome(0, isJson(out) ? PrintReply.json(request, out) : PrintReply.text(request, out));
    }

    private static Outcome failed(RequestRef request, int code) {
        return new Outcome(code, EchoReply.status(request, code, ErrorCode.textOf(code)));
    }

    /**
     * JSON output is flagged 2 (§4.2). Output that only looks like JSON, such as the Python repr of policies that
     * {@code blockchain get} prints for peers, stays text, as on EdgeLake.
     */
    private static boolean isJson(String out) {
        if (!Output.looksLikeJson(out)) {
            return false;
        }
        try {
            JsonParser.parse(out);
            return true;
        } catch (JsonException e) {
            return false;
        }
    }

    private static String quoted(String text) {
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "...";
    }
}
