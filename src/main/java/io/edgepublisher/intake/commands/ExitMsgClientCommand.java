package io.edgepublisher.intake.commands;

import io.edgepublisher.command.BaseCommand;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.Output;
import io.edgepublisher.intake.IntakeModule;
import io.edgepublisher.intake.client.MsgClients;
import java.util.List;

/**
 * {@code exit msg client <id>|all} and the legacy {@code exit mqtt [<id>|all]} (COMMANDS.md §4.27): stops the
 * client's transport (its route, its local subscription, or its REST registration); rows already accepted stay in the
 * buffers.
 */
public final class ExitMsgClientCommand extends BaseCommand {
    public ExitMsgClientCommand() {
        super(List.of("exit msg client", "exit mqtt"),
            "exit msg client <id> | all   |   exit mqtt [<id> | all]", Method.POST, false);
    }

    @Override
    public Output execute(CommandCall call) {
        MsgClients clients = IntakeModule.of(call.node()).clients();
        boolean legacy = call.name().equals("exit mqtt");
        if (call.argCount() == 0 && legacy) {
            clients.exitAll();
            return Output.none();
        }
        if (call.argCount() != 1) {
            throw call.structure("Use: " + call.name() + " <id> | all");
        }
        String arg = call.word(0);
        if (arg.equalsIgnoreCase("all")) {
            clients.exitAll();
            return Output.none();
        }
        int id;
        try {
            id = Integer.parseInt(arg.trim());
        } catch (NumberFormatException e) {
            throw call.structure("'" + arg + "' is not a message client id");
        }
        clients.exit(id);
        return Output.none();
    }
}
