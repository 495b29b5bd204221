package io.edgepublisher.node.commands;

import io.edgepublisher.node.Beans;
import io.edgepublisher.command.BaseCommand;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.Output;
import io.edgepublisher.json.PyJson;
import io.edgepublisher.node.Node;
import io.edgepublisher.wire.SourceAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code get status}: {@code <name>@<ip:port> running} (COMMANDS.md §4.24). */
public final class GetStatusCommand extends BaseCommand {
    public GetStatusCommand() {
        super(List.of("get status"), "get status [where format = json]", Method.GET, true);
    }

    @Override
    public Output execute(CommandCall call) {
        boolean json = call.formatJson();
        String assigned = assignedName(call.node());
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("assigned_name", assigned);
            m.put("status", "running");
            m.put("profiling", false);
            return Output.text(PyJson.dumps(m));
        }
        return Output.text(assigned + " running");
    }

    /**
     * {@code <node name>@<ip:port>} with the TCP server's external address (its internal one when it has no external
     * address), or the configured address before the TCP server runs.
     */
    public static String assignedName(Node node) {
        SourceAddress a = Beans.find(node, SourceAddress.class);
        String address;
        if (a != null) {
            address = (a.external() != null ? a.external() : a.internal()).toString();
        } else {
            address = node.dictionary().getOrDefault("external_ip", node.dictionary().getOrDefault("ip", "127.0.0.1"))
                + ":" + node.dictionary().getOrDefault("anylog_server_port", "2048");
        }
        return node.name() + "@" + address;
    }
}
