package io.edgepublisher.command;

/** Thrown by placeholder commands of capabilities that are not built yet (see {@link CommandResult#notImplemented}). */
public class NotImplementedYet extends RuntimeException {
    private final String phrase;

    public NotImplementedYet(String phrase) {
        super("'" + phrase + "' is not implemented yet in this build");
        this.phrase = phrase;
    }

    public String phrase() {
        return phrase;
    }
}
