package io.edgepublisher.wire.client;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.command.Options;
import io.edgepublisher.command.Token;
import io.edgepublisher.command.Value;
import io.edgepublisher.command.VariableResolver;
import io.edgepublisher.config.Units;
import io.edgepublisher.config.ValueParsing;
import io.edgepublisher.wire.PeerAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parenthesised target list of {@code run client (<ip:port>[, <ip:port>]…[, subset = <bool>][, timeout = <n>])}
 * (COMMANDS.md §4.28). A target may be a {@code !key} whose value is one or more comma-separated {@code ip:port}s.
 * Every other AnyLog target form (the network {@code ()}, {@code (dbms = … and table = …)}, {@code (blockchain get
 * …)}) fails with 155: a publisher has no query planner to find destinations.
 *
 * @param targets        the peers in the order given (receiver ids 0, 1, …)
 * @param subset         true when partial results are acceptable
 * @param timeoutSeconds the {@code timeout} option, or null when not given
 */
record ClientTargets(List<PeerAddress> targets, boolean subset, Long timeoutSeconds) {

    static ClientTargets parse(Token list, VariableResolver resolver) {
        if (list.kind() != Token.Kind.PAREN) {
            throw destination("'run client' needs its destinations in parentheses, got '" + list.text() + "'");
        }
        List<PeerAddress> targets = new ArrayList<>();
        boolean subset = false;
        Long timeout = null;
        for (String raw : list.inner().split(",")) {
            String item = raw.trim();
            int eq = item.indexOf('=');
            String key = eq > 0 ? item.substring(0, eq).trim().toLowerCase(Locale.ROOT) : "";
            String value = eq > 0 ? item.substring(eq + 1).trim() : "";
            if (key.equals("subset")) {
                subset = bool(resolve(value, resolver));
            } else if (key.equals("timeout")) {
                timeout = seconds(resolve(value, resolver));
            } else if (!item.isEmpty()) {
                for (String t : resolve(item, resolver).split(",")) {
                    targets.add(address(t.trim()));
                }
            }
        }
        if (targets.isEmpty()) {
            throw destination("'run client ()' (the whole network) is not supported by a publisher: list ip:port"
                + " destinations");
        }
        return new ClientTargets(targets, subset, timeout);
    }

    private static String resolve(String word, VariableResolver resolver) {
        if (word.length() > 1 && (word.charAt(0) == '!' || word.charAt(0) == '$')) {
            Value v = resolver.resolveText(word);
            if (v == null) {
                throw VariableResolver.undefined(word);
            }
            return v.text();
        }
        return word;
    }

    private static PeerAddress address(String text) {
        if (!Options.isIpPort(text)) {
            throw destination("'" + text + "' is not an ip:port destination; a publisher's 'run client' only"
                + " sends to listed ip:port peers");
        }
        return PeerAddress.parse(text);
    }

    private static boolean bool(String v) {
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new CommandException(ErrorCode.COMMAND_STRUCTURE, "'subset' in 'run client' needs true or false, got '"
                + v + "'");
        }
        return v.equalsIgnoreCase("true");
    }

    private static long seconds(String v) {
        long s = Units.parseTimeSeconds(ValueParsing.isDigits(v) ? v + " seconds" : v);
        if (s < 1) {
            throw new CommandException(ErrorCode.COMMAND_STRUCTURE, "'timeout' in 'run client' needs seconds >= 1 (or"
                + " '<n> seconds'), got '" + v + "'");
        }
        return s;
    }

    private static CommandException destination(String detail) {
        return new CommandException(ErrorCode.DESTINATION_NODE, detail);
    }
}
