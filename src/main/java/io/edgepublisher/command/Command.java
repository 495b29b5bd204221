package io.edgepublisher.command;

import java.util.List;

/**
 * One command of the command language. A command is a small class: it names its keyword phrase(s), states its REST
 * method and whether peers may run it, and executes a parsed call. Commands are added to a node through
 * {@link CommandRegistry#register}.
 */
public interface Command {
    /** Keyword phrases in lower case, the primary one first (for example {@code run msg client}, {@code run mqtt client}). */
    List<String> names();

    /** One-line syntax for {@code help}. */
    String syntax();

    default Method method() {
        return Method.POST;
    }

    /** Whether a peer may run it under the default allowlist (PROTOCOL.md §8.2). */
    default boolean peerAllowed() {
        return false;
    }

    Output execute(CommandCall call);
}
