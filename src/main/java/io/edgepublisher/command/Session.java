package io.edgepublisher.command;

import java.util.function.Consumer;

/**
 * The state one caller keeps across command lines: where the lines come from, the result of the last {@code if}
 * (for {@code do}/{@code else}), whether the caller waits for peer replies, and where {@code print} output goes.
 */
public final class Session {
    private final Source source;
    private final Consumer<String> printer;
    private String clientAddress = "";
    private Boolean lastIf;
    private boolean chainSatisfied;
    private boolean waitForReplies;
    private boolean ifChain;
    private boolean assigning;
    private int depth;

    public Session(Source source, Consumer<String> printer) {
        this.source = source;
        this.printer = printer;
        this.waitForReplies = source == Source.REST;
    }

    public Source source() {
        return source;
    }

    public void print(String text) {
        if (printer != null) {
            printer.accept(text);
        }
    }

    public String clientAddress() {
        return clientAddress;
    }

    public Session clientAddress(String address) {
        this.clientAddress = address;
        return this;
    }

    /** Result of the most recent {@code if}, or null when no {@code if} was evaluated yet. */
    public Boolean lastIf() {
        return lastIf;
    }

    public void recordIf(boolean result) {
        lastIf = result;
        chainSatisfied = result;
    }

    /** For {@code else if}: records the result without forgetting that an earlier branch already ran. */
    public void recordElseIf(boolean result) {
        lastIf = result;
        chainSatisfied = chainSatisfied || result;
    }

    public boolean chainSatisfied() {
        return chainSatisfied;
    }

    /** Whether the previous line was an {@code if}, {@code do} or {@code else} line. */
    public boolean ifChain() {
        return ifChain;
    }

    public void ifChain(boolean value) {
        ifChain = value;
    }

    public boolean waitForReplies() {
        return waitForReplies;
    }

    public void waitForReplies(boolean wait) {
        this.waitForReplies = wait;
    }

    /** True while the line runs as the right-hand side of an assignment ({@code x = run client …}). */
    public boolean assigning() {
        return assigning;
    }

    public void assigning(boolean value) {
        this.assigning = value;
    }

    public int depth() {
        return depth;
    }

    public void enter() {
        depth++;
        if (depth > 32) {
            depth--;
            throw new CommandException(ErrorCode.COMMAND_STRUCTURE, "Scripts nested deeper than 32 levels");
        }
    }

    public void leave() {
        depth--;
    }
}
