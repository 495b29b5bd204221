package io.edgepublisher.node.commands;

import io.edgepublisher.command.BaseCommand;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.Output;
import io.edgepublisher.config.Dictionary;
import io.edgepublisher.format.TableFormatter;
import io.edgepublisher.json.PyJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code get dictionary}: every key and value, with secrets shown as {@code ****}. */
public final class GetDictionaryCommand extends BaseCommand {
    public GetDictionaryCommand() {
        super(List.of("get dictionary"), "get dictionary [where format = json]", Method.GET, false);
    }

    @Override
    public Output execute(CommandCall call) {
        boolean json = call.formatJson();
        Map<String, Object> visible = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : call.node().dictionary().snapshot().entrySet()) {
            visible.put(e.getKey(), Dictionary.isSecret(e.getKey()) ? "****" : e.getValue());
        }
        if (json) {
            return Output.text(PyJson.dumps(visible));
        }
        List<List<Object>> rows = new ArrayList<>();
        for (Map.Entry<String, Object> e : visible.entrySet()) {
            rows.add(List.of(e.getKey(), e.getValue()));
        }
        return Output.text(TableFormatter.of(List.of("Key", "Value")).format(rows));
    }
}
