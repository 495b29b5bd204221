package io.edgepublisher.streamer.commands;

import io.edgepublisher.command.BaseCommand;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.OptionSpec;
import io.edgepublisher.command.Options;
import io.edgepublisher.command.Output;
import io.edgepublisher.node.Node;
import io.edgepublisher.streamer.StreamerModule;
import io.edgepublisher.streamer.StreamerService;
import java.util.List;

/**
 * {@code set buffer threshold where [dbms = …] [and table = …] [and time = …] [and volume = …]
 * [and write_immediate = …]} (COMMANDS.md §4.17, INTAKE.md §5.2): global, per-dbms or per-table thresholds.
 */
public final class SetBufferThresholdCommand extends BaseCommand {
    static final String MISSING = "Missing Time threshold or Volume threshold or Write Immediate";
    private static final OptionSpec SPEC = OptionSpec.of("set buffer threshold")
            .key("dbms", OptionSpec.Type.TEXT).alias("dbms_name", "dbms")
            .key("table", OptionSpec.Type.TEXT).alias("table_name", "table")
            .key("time", OptionSpec.Type.TIME).key("volume", OptionSpec.Type.STORAGE)
            .key("write_immediate", OptionSpec.Type.BOOL);

    public SetBufferThresholdCommand() {
        super(List.of("set buffer threshold"),
            "set buffer threshold where [dbms = <dbms>] [and table = <table>] [and time = <n unit>]"
            + " [and volume = <size>] [and write_immediate = <bool>]", Method.POST, false);
    }

    @Override
    public Output execute(CommandCall call) {
        Options o = call.where(SPEC);
        if (!o.has("time") && !o.has("volume") && !o.has("write_immediate")) {
            throw new CommandException(ErrorCode.MISSING_CONFIGURATION, MISSING);
        }
        Node node = call.node();
        StreamerService s = StreamerModule.service(node);
        String dbms = o.text("dbms", null);
        String table = o.text("table", null);
        if (dbms == null && table != null) {
            throw call.structure("'table' needs 'dbms' in 'set buffer threshold'");
        }
        boolean immediate = o.bool("write_immediate", false);
        if (immediate && publisherRunning(node)) {
            throw new CommandException(ErrorCode.CONFIGURATION, StreamerService.WRITE_IMMEDIATE_CONFLICT);
        }
        Long time = o.has("time") ? Long.valueOf(o.seconds("time", 0)) : null;
        Long volume = o.has("volume") ? Long.valueOf(o.bytes("volume", 0)) : null;
        if (time != null || volume != null) {
            s.thresholds().set(dbms, table, time, volume);
        }
        if (o.has("write_immediate")) {
            // Stored even though a publisher never writes immediately: a later 'run publisher' refuses it (235).
            s.writeImmediate(dbms == null ? "" : table == null ? dbms : dbms + "." + table, immediate);
        }
        return Output.none();
    }

    private static boolean publisherRunning(Node node) {
        return node.processes().status("Publisher").running();
    }
}
