package io.edgepublisher.node.commands;

import io.edgepublisher.command.BaseCommand;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.CommandResult;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.Output;
import io.edgepublisher.command.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code process <file>}: runs a script; its failure is this line's failure (COMMANDS.md §1.10). */
public final class ProcessCommand extends BaseCommand {
    public ProcessCommand() {
        super(List.of("process"), "process <script file>", Method.POST, false);
    }

    @Override
    public Output execute(CommandCall call) {
        if (call.argCount() != 1) {
            throw call.structure("'process' needs exactly one script file");
        }
        Path file = Path.of(call.word(0));
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandException(ErrorCode.FILE_NOT_EXISTS, "Script file '" + file + "' cannot be read: "
                + e.getClass().getSimpleName());
        }
        Session parent = call.session();
        Session child = new Session(parent.source(), parent::print);
        for (int i = 0; i < parent.depth(); i++) {
            child.enter();
        }
        CommandResult r = call.node().scripts().run(file.getFileName().toString(), text, child, null);
        if (r.control() == CommandResult.Control.EXIT_SCRIPTS) {
            throw new io.edgepublisher.command.ScriptExit();
        }
        if (r.isError()) {
            throw new CommandException(r.code(), r.detail());
        }
        return Output.none();
    }
}
