package io.edgepublisher.node.commands;

import io.edgepublisher.command.BaseCommand;
import io.edgepublisher.command.Command;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.CommandRegistry;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.Output;
import java.util.List;

/** {@code help [command words]}: the syntax of every command, or of one. */
public final class HelpCommand extends BaseCommand {
    public HelpCommand() {
        super(List.of("help"), "help [<command>]", Method.GET, false);
    }

    @Override
    public Output execute(CommandCall call) {
        StringBuilder sb = new StringBuilder();
        if (call.argCount() > 0) {
            CommandRegistry.Match m = call.node().commands().lookup(call.args(), 0);
            if (m == null) {
                throw new CommandException(ErrorCode.UNRECOGNIZED_COMMAND, "No help: '" + call.rawArgs() + "' is not a command");
            }
            sb.append("\r\n").append(m.command().syntax());
            if (m.command().names().size() > 1) {
                sb.append("\r\nAlso: ").append(String.join(", ", m.command().names().subList(1, m.command().names().size())));
            }
            return Output.text(sb.append("\r\n").toString());
        }
        sb.append("\r\nCommands (help <command> for one):");
        for (Command c : call.node().commands().commands()) {
            sb.append("\r\n  ").append(c.syntax());
        }
        sb.append("\r\nReference: docs/COMMANDS.md (the language and every command, with examples)");
        return Output.text(sb.append("\r\n").toString());
    }
}
