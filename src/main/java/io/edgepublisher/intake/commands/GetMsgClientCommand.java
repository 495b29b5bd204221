package io.edgepublisher.intake.commands;

import io.edgepublisher.command.BaseCommand;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.OptionSpec;
import io.edgepublisher.command.Options;
import io.edgepublisher.command.Output;
import io.edgepublisher.intake.IntakeModule;
import io.edgepublisher.intake.client.MsgClient;
import java.util.List;

/** {@code get msg client [where id = <n>] [and format = json]} (COMMANDS.md §4.26). */
public final class GetMsgClientCommand extends BaseCommand {
    static final String NONE = "No message client is running";
    private static final OptionSpec SPEC = OptionSpec.of("get msg client").key("id", OptionSpec.Type.INT)
            .key("format", OptionSpec.Type.TEXT);

    public GetMsgClientCommand() {
        super(List.of("get msg client", "get msg clients", "get mqtt client"),
            "get msg client [where id = <n>] [and format = table|json]", Method.GET, true);
    }

    @Override
    public Output execute(CommandCall call) {
        Options o = call.where(SPEC);
        String format = o.text("format", "table");
        if (!format.equalsIgnoreCase("table") && !format.equalsIgnoreCase("json")) {
            throw call.structure("Key 'format' in 'get msg client' needs table or json, got '" + format + "'");
        }
        IntakeModule intake = IntakeModule.of(call.node());
        List<MsgClient> clients;
        if (o.has("id")) {
            MsgClient c = intake.clients().get(o.integer("id", 0));
            if (c == null) {
                throw new CommandException(ErrorCode.COMMAND_STRUCTURE, "No message client with id " + o.text("id", ""));
            }
            clients = List.of(c);
        } else {
            clients = intake.clients().all();
        }
        if (clients.isEmpty()) {
            return Output.text(NONE);
        }
        long now = call.node().clock().millis();
        return Output.text(format.equalsIgnoreCase("json") ? MsgClientReport.json(clients)
                : MsgClientReport.table(clients, now));
    }
}
