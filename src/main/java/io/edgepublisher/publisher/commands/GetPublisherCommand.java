package io.edgepublisher.publisher.commands;

import io.edgepublisher.node.Beans;
import io.edgepublisher.command.BaseCommand;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.Output;
import io.edgepublisher.node.Node;
import io.edgepublisher.publisher.PublisherRun;
import io.edgepublisher.publisher.PublisherService;
import io.edgepublisher.publisher.stats.PublisherReports;
import io.edgepublisher.publisher.stats.PublisherStats;
import io.edgepublisher.wire.PeerAddress;
import io.edgepublisher.wire.SourceAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code get publisher [files | summary | config | queue | auto] [where format = table|json]} (COMMANDS.md §4.21);
 * {@code auto} (ours) lists the automatic cluster assignments of new tables, which the table form of {@code files}
 * also shows below the files.
 */
public final class GetPublisherCommand extends BaseCommand {
    public GetPublisherCommand() {
        super(List.of("get publisher"),
            "get publisher [files | summary | config | queue | auto] [where format = table|json]", Method.GET, true);
    }

    @Override
    public Output execute(CommandCall call) {
        Node node = call.node();
        PublisherService service = Beans.get(node, PublisherService.class);
        String topic = null;
        boolean json;
        if (call.argCount() > 0 && !call.arg(0).is("where")) {
            topic = call.word(0).toLowerCase(Locale.ROOT);
            json = formatAfter(call);
        } else {
            json = call.formatJson();
        }
        if (topic == null) {
            topic = service.running() ? "files" : "config";
        }
        PublisherRun run = service.lastRun();
        long now = System.currentTimeMillis();
        switch (topic) {
            case "files": {
                String files = PublisherReports.files(run == null ? List.of() : run.stats().rows(), json);
                // Automatic assignments follow in the table form (the JSON form keeps §10.1's shape: 'auto' topic).
                return Output.text(json ? files : files + PublisherReports.autoAssignments(
                    service.autoAssignments().assignments(), false));
            }
            case "auto":
                return Output.text(PublisherReports.autoAssignments(service.autoAssignments().assignments(), json));
            case "summary":
                return Output.text(PublisherReports.summary(summary(node, service, run, now), json));
            case "config":
                return Output.text(PublisherReports.config(config(service, run, now), json));
            case "queue":
                return Output.text(PublisherReports.queue(service.running() ? run.queue().snapshot() : List.of(),
                    json));
            default:
                throw new CommandException(ErrorCode.COMMAND_STRUCTURE,
                    "No statistics on topic '" + topic + "' in service 'publisher'");
        }
    }

    /** {@code <topic> [where format = …]}: the where list starts after the topic word. */
    private static boolean formatAfter(CommandCall call) {
        if (call.argCount() == 1) {
            return false;
        }
        if (call.argCount() != 5 || !call.arg(1).is("where") || !call.arg(2).is("format")
            || !call.arg(3).isOperator("=")) {
            throw call.structure("Use: get publisher [files | summary | config | queue | auto] [where format = table|json]");
        }
        String f = call.word(4);
        if (!f.equalsIgnoreCase("json") && !f.equalsIgnoreCase("table")) {
            throw call.structure("Key 'format' in 'get publisher' needs table or json, got '" + f + "'");
        }
        return f.equalsIgnoreCase("json");
    }

    private static Map<String, Object> summary(Node node, PublisherService service, PublisherRun run, long now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("node name", node.name() + "@" + address(node));
        m.put("status", service.running() ? "Active" : "Not Active");
        long started = run == null ? now : run.stats().startedMillis();
        m.put("operational time", service.running() ? PublisherReports.hms((now - started) / 1000) : "00:00:00");
        PublisherStats.Summary s = run == null ? new PublisherStats.Summary(now, 0, 0, 0, 0)
            : run.stats().summary(now);
        m.put("query timestamp", now / 1000);
        m.put("elapsed time", PublisherReports.hms((now - s.previousCallMillis()) / 1000));
        m.put("new files", s.newFiles());
        m.put("total files", s.totalFiles());
        m.put("new errors", s.newErrors());
        m.put("total errors", s.totalErrors());
        return m;
    }

    private static Map<String, Object> config(PublisherService service, PublisherRun run, long now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", service.running() ? "Active" : "Not Active");
        m.put("operational time", service.running()
            ? PublisherReports.hms((now - run.stats().startedMillis()) / 1000) : "00:00:00");
        if (run != null) {
            m.putAll(run.config().options());
        }
        return m;
    }

    private static String address(Node node) {
        SourceAddress a = Beans.find(node, SourceAddress.class);
        if (a != null) {
            PeerAddress p = a.external() != null ? a.external() : a.internal();
            return p.toString();
        }
        return node.dictionary().getOrDefault("external_ip", node.dictionary().getOrDefault("ip", "127.0.0.1")) + ":"
            + node.dictionary().getOrDefault("anylog_server_port", "0");
    }
}
