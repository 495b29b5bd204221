package io.edgepublisher.node.commands;

import io.edgepublisher.command.Command;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.Output;
import java.util.List;
import java.util.function.Function;

/** A command defined by a lambda, for the one-liners that do not deserve a class of their own. */
public final class SimpleCommand implements Command {
    private final List<String> names;
    private final String syntax;
    private final Method method;
    private final boolean peer;
    private final Function<CommandCall, Output> body;

    public SimpleCommand(List<String> names, String syntax, Method method, boolean peer,
                         Function<CommandCall, Output> body) {
        this.names = names;
        this.syntax = syntax;
        this.method = method;
        this.peer = peer;
        this.body = body;
    }

    @Override
    public List<String> names() {
        return names;
    }

    @Override
    public String syntax() {
        return syntax;
    }

    @Override
    public Method method() {
        return method;
    }

    @Override
    public boolean peerAllowed() {
        return peer;
    }

    @Override
    public Output execute(CommandCall call) {
        return body.apply(call);
    }
}
