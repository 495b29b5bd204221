package io.edgepublisher.store;

import io.edgepublisher.node.Beans;
import io.edgepublisher.command.BaseCommand;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.OptionSpec;
import io.edgepublisher.command.Options;
import io.edgepublisher.command.Output;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code connect dbms <name> where type = sqlite|psql …} (COMMANDS.md §4.6). */
public final class ConnectDbmsCommand extends BaseCommand {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectDbmsCommand.class);
    private static final OptionSpec SPEC = OptionSpec.of("connect dbms")
        .key("type", OptionSpec.Type.TEXT).key("ip", OptionSpec.Type.TEXT).key("port", OptionSpec.Type.INT)
        .key("user", OptionSpec.Type.TEXT).key("password", OptionSpec.Type.TEXT)
        .key("memory", OptionSpec.Type.BOOL).key("autocommit", OptionSpec.Type.BOOL);

    public ConnectDbmsCommand() {
        super(List.of("connect dbms"),
            "connect dbms <name> where type = sqlite|psql [and ip = <host>] [and port = <port>] [and user = <u>]"
            + " [and password = <p>] [and memory = true]", Method.POST, false);
    }

    @Override
    public Output execute(CommandCall call) {
        if (call.argCount() < 5 || !call.arg(1).is("where")) {
            throw new CommandException(ErrorCode.COMMAND_STRUCTURE, "Wrong command format: 'connect dbms'");
        }
        String name = call.word(0).toLowerCase(Locale.ROOT);
        Options o = SPEC.parse(io.edgepublisher.command.WhereParser.parse(call.allTokens(), call.argStart() + 2,
            call.resolver(), "connect dbms"));
        String type = o.required("type").toLowerCase(Locale.ROOT);
        Dialect dialect;
        switch (type) {
            case "sqlite":
                dialect = Dialect.SQLITE;
                break;
            case "psql":
                dialect = Dialect.PSQL;
                break;
            case "pi":
            case "mongo":
            case "bucket":
                throw new CommandException(ErrorCode.NOT_SUPPORTED, "DBMS type '" + type + "' is not supported by a publisher");
            default:
                throw new CommandException(ErrorCode.WRONG_DBMS_TYPE, "Unknown DBMS type '" + type + "': use sqlite or psql");
        }
        Databases dbs = Beans.get(call.node(), Databases.class);
        Database existing = dbs.get(name);
        if (existing != null) {
            if (existing.dialect() == dialect) {
                return Output.none();
            }
            throw new CommandException(ErrorCode.DBMS_CONNECTION,
                "'" + name + "' is already connected as " + existing.settings().describe());
        }
        Path dir = Path.of(call.node().dictionary().getOrDefault("dbms_dir", "."));
        // without ip or port: the node's DB_IP and DB_PORT (their defaults live in application.properties)
        var dict = call.node().dictionary();
        String defaultPort = io.edgepublisher.config.Defaults.orDefault(dict, "db_port", "DB_PORT");
        int port = o.integer("port", io.edgepublisher.config.ValueParsing.isDigits(defaultPort)
            ? Integer.parseInt(defaultPort) : Integer.parseInt(io.edgepublisher.config.Defaults.get("DB_PORT")));
        DbmsSettings s = new DbmsSettings(name, dialect,
            o.text("ip", io.edgepublisher.config.Defaults.orDefault(dict, "db_ip", "DB_IP")), port,
            o.text("user", null), o.text("password", null), o.bool("memory", false), dir);
        try {
            dbs.put(Database.open(s));
        } catch (SQLException e) {
            throw new CommandException(ErrorCode.DBMS_CONNECTION, "Cannot connect to " + s.describe() + ": " + e.getMessage());
        }
        LOG.info("Connected dbms {} ({})", name, s.describe());
        return Output.none();
    }
}
