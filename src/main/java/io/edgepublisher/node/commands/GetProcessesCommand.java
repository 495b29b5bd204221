package io.edgepublisher.node.commands;

import io.edgepublisher.command.BaseCommand;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.Output;
import io.edgepublisher.format.TableFormatter;
import io.edgepublisher.json.PyJson;
import io.edgepublisher.node.ProcessStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code get processes}: the seed's 15 rows with live status (COMMANDS.md §4.23). */
public final class GetProcessesCommand extends BaseCommand {
    public GetProcessesCommand() {
        super(List.of("get processes"), "get processes [where format = table|json]", Method.GET, true);
    }

    @Override
    public Output execute(CommandCall call) {
        boolean json = call.formatJson();
        Map<String, ProcessStatus> rows = call.node().processes().snapshot();
        return Output.text(json ? json(rows) : table(rows));
    }

    public static String table(Map<String, ProcessStatus> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (Map.Entry<String, ProcessStatus> e : rows.entrySet()) {
            out.add(List.of(e.getKey(), e.getValue().statusText(), e.getValue().details()));
        }
        return TableFormatter.of(List.of("Process", "Status", "Details")).withPrefix("    ").format(out);
    }

    public static String json(Map<String, ProcessStatus> rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, ProcessStatus> e : rows.entrySet()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("Status", e.getValue().statusText());
            if (!e.getValue().details().isEmpty()) {
                row.put("Details", e.getValue().details());
            }
            m.put(e.getKey(), row);
        }
        return PyJson.dumps(m);
    }
}
