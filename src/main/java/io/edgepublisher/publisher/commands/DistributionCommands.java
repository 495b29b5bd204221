package io.edgepublisher.publisher.commands;

import io.edgepublisher.node.Beans;
import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.OptionSpec;
import io.edgepublisher.command.OptionSpec.Type;
import io.edgepublisher.command.Options;
import io.edgepublisher.command.Output;
import io.edgepublisher.format.TableFormatter;
import io.edgepublisher.json.PyJson;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.commands.SimpleCommand;
import io.edgepublisher.publisher.PublisherService;
import io.edgepublisher.publisher.routing.DistributionTable;
import io.edgepublisher.publisher.stats.PublisherReports;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code set data distribution} and {@code get publisher distribution} (COMMANDS.md §4.16). */
public final class DistributionCommands {
    private static final OptionSpec SET = OptionSpec.of("set data distribution")
        .key("dbms", Type.TEXT).key("table", Type.TEXT).repeatable("dest", Type.IP_PORT).key("remove", Type.BOOL);
    private static final DateTimeFormatter LAST_SENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
        .withZone(ZoneOffset.UTC);

    private DistributionCommands() {
    }

    public static void install(Node node, DistributionTable table) {
        node.commands().register(new SimpleCommand(List.of("set data distribution"),
            "set data distribution where dbms = <dbms|*> and table = <table|*> and dest = <ip:port> [and dest = …]"
                + " | and remove = true", Method.POST, false, c -> {
                    Options o = c.where(SET);
                    set(table, o);
                    return Output.none();
                }));
        node.commands().register(new SimpleCommand(List.of("get publisher distribution"),
            "get publisher distribution [where format = table|json]", Method.GET, true,
            c -> Output.text(get(table, c.formatJson()) + (c.formatJson() ? "" : PublisherReports.autoAssignments(
                autoAssignments(node), false)))));
    }

    private static List<io.edgepublisher.publisher.routing.auto.AutoAssignment> autoAssignments(Node node) {
        PublisherService s = Beans.get(node, PublisherService.class);
        return s.autoAssignments().assignments();
    }

    static void set(DistributionTable table, Options o) {
        String dbms = o.required("dbms").toLowerCase(Locale.ROOT);
        String tbl = o.required("table").toLowerCase(Locale.ROOT);
        if (dbms.equals("*") && !tbl.equals("*")) {
            throw new CommandException(ErrorCode.COMMAND_STRUCTURE,
                "'dbms = *' requires 'table = *' in 'set data distribution'");
        }
        List<String> dests = o.texts("dest");
        boolean remove = o.bool("remove", false);
        if (dests.isEmpty() != remove) {
            throw new CommandException(ErrorCode.COMMAND_STRUCTURE,
                "'set data distribution' needs 'dest = ip:port' or 'remove = true'");
        }
        try {
            if (remove) {
                table.remove(dbms, tbl);
            } else {
                table.set(dbms, tbl, dests);
            }
        } catch (IOException e) {
            throw new CommandException(ErrorCode.FILE_WRITE, "distribution.json not written: " + e.getMessage());
        }
    }

    static String get(DistributionTable table, boolean json) {
        List<DistributionTable.Row> rows = table.rows();
        if (json) {
            List<Object> out = new ArrayList<>();
            for (DistributionTable.Row r : rows) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("dbms", r.dbms());
                m.put("table", r.table());
                m.put("destination", r.dest());
                m.put("files", r.files());
                m.put("errors", r.errors());
                m.put("last_sent", lastSent(r.lastSent()));
                out.add(m);
            }
            return PyJson.dumps(out);
        }
        List<List<Object>> out = new ArrayList<>();
        for (DistributionTable.Row r : rows) {
            out.add(List.of(r.dbms(), r.table(), r.dest(), r.files(), r.errors(), lastSent(r.lastSent())));
        }
        return TableFormatter.of(List.of("DBMS", "Table", "Destination", "Files", "Errors", "Last Sent"))
            .withHeader("Data Distribution").format(out);
    }

    private static String lastSent(long millis) {
        return millis == 0 ? "" : LAST_SENT.format(Instant.ofEpochMilli(millis));
    }
}
