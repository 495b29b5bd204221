package io.edgepublisher.command;

/** Ends this script and every calling script ({@code exit scripts}, {@code exit node}). */
public final class ScriptExit extends RuntimeException {
    public ScriptExit() {
        super("exit scripts", null, false, false);
    }
}
