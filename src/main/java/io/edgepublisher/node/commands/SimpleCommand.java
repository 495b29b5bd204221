package io.edgepublisher.node.commands;

import io.edgepublisher.command.BaseCommand;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.Output;
import java.util.List;
import java.util.function.Function;

/** A command defined by a lambda, for the one-liners that do not deserve a class of their own. */
public final class SimpleCommand extends BaseCommand {
    private final Function<CommandCall, Output> body;

    public SimpleCommand(List<String> names, String syntax, Method method, boolean peer,
                         Function<CommandCall, Output> body) {
        super(names, syntax, method, peer);
        this.body = body;
    }

    @Override
    public Output execute(CommandCall call) {
        return body.apply(call);
    }
}
