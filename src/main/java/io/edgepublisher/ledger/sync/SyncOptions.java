package io.edgepublisher.ledger.sync;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.command.OptionSpec;
import io.edgepublisher.command.Options;
import io.edgepublisher.config.Dictionary;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checked options of {@code run blockchain sync where …} (COMMANDS.md §4.9).
 *
 * @param intervalSeconds {@code time}, at least 1
 * @param connection      the master's {@code ip:port}, or null when not given
 */
public record SyncOptions(long intervalSeconds, String connection) {
    private static final Logger LOG = LoggerFactory.getLogger(SyncOptions.class);

    /** The where keys. {@code platform} and {@code file} are AnyLog's live-blockchain options (237). */
    public static final OptionSpec SPEC = OptionSpec.of("run blockchain sync")
        .key("source", OptionSpec.Type.TEXT)
        .key("time", OptionSpec.Type.TIME)
        .repeatable("dest", OptionSpec.Type.TEXT)
        .key("connection", OptionSpec.Type.IP_PORT)
        .key("platform", OptionSpec.Type.ANY)
        .key("file", OptionSpec.Type.ANY);

    private static final Set<String> SOURCES = Set.of("master", "blockchain", "dbms");
    private static final Set<String> DESTS = Set.of("file", "dbms");

    /**
     * Checks the options.
     *
     * @param dictionary for the seed rule: a {@code source}/{@code dest} value naming a dictionary key stands for
     *                   that key's value (CONFIG.md §6.4 rule 3)
     * @throws CommandException 2 for missing or wrong values ({@code Blockchain sync time is set to 0} below one
     *                          second), 237 for {@code blockchain}/{@code dbms} sources, a {@code dbms}
     *                          destination and the {@code platform}/{@code file} keys
     */
    public static SyncOptions of(Options o, Dictionary dictionary) {
        for (String key : List.of("platform", "file")) {
            if (o.has(key)) {
                throw new CommandException(ErrorCode.NOT_SUPPORTED,
                    "'" + key + "' (live blockchain platforms) is not supported: Edge Publisher syncs from a master");
            }
        }
        String source = literal("source", o.required("source"), SOURCES, dictionary);
        if (!source.equals("master")) {
            throw new CommandException(ErrorCode.NOT_SUPPORTED,
                "Blockchain sync from '" + source + "' is not supported: use source = master");
        }
        if (o.all("dest").isEmpty()) {
            throw o.missing("dest");
        }
        for (String d : o.texts("dest")) {
            if (!literal("dest", d, DESTS, dictionary).equals("file")) {
                throw new CommandException(ErrorCode.NOT_SUPPORTED,
                    "Blockchain sync to '" + d + "' is not supported: use dest = file");
            }
        }
        long seconds = o.seconds("time", -1);
        if (seconds < 0) {
            throw o.missing("time");
        }
        if (seconds < 1) {
            throw new CommandException(ErrorCode.COMMAND_STRUCTURE, "Blockchain sync time is set to 0");
        }
        return new SyncOptions(seconds, o.text("connection", null));
    }

    private static String literal(String key, String value, Set<String> allowed, Dictionary dictionary) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (allowed.contains(v)) {
            return v;
        }
        String named = dictionary.get(v);
        if (named != null && allowed.contains(named.trim().toLowerCase(Locale.ROOT))) {
            LOG.warn("run blockchain sync: '{} = {}' names a dictionary key; using its value '{}' (seed compatibility)",
                key, value, named.trim());
            return named.trim().toLowerCase(Locale.ROOT);
        }
        throw new CommandException(ErrorCode.COMMAND_STRUCTURE,
            "Wrong value for '" + key + "' in 'run blockchain sync': '" + value + "' (expected "
                + String.join(" or ", allowed.stream().sorted().toList()) + ")");
    }
}
