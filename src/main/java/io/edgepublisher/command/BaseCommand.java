package io.edgepublisher.command;

import java.util.List;

/** A command whose names, syntax, REST method and peer permission are fixed when it is built. */
public abstract class BaseCommand implements Command {
    private final List<String> names;
    private final String syntax;
    private final Method method;
    private final boolean peerAllowed;

    protected BaseCommand(List<String> names, String syntax, Method method, boolean peerAllowed) {
        this.names = names;
        this.syntax = syntax;
        this.method = method;
        this.peerAllowed = peerAllowed;
    }

    @Override
    public final List<String> names() {
        return names;
    }

    @Override
    public final String syntax() {
        return syntax;
    }

    @Override
    public final Method method() {
        return method;
    }

    @Override
    public final boolean peerAllowed() {
        return peerAllowed;
    }
}
