package io.edgepublisher.command;

import java.util.function.BooleanSupplier;

/**
 * 136 "Process already active", knowing whether the running process is in the state the command asked for. The boot
 * script treats such a step as done (something else started the process the same way first); everywhere else it
 * stays error 136, as on EdgeLake.
 */
public final class AlreadyRunning extends CommandException {
    private final boolean asAsked;

    public AlreadyRunning(String detail, boolean asAsked) {
        super(ErrorCode.PROCESS_ACTIVE, detail);
        this.asAsked = asAsked;
    }

    /**
     * The error for a process that runs; {@code sameState} compares what the command asks for with what runs (a
     * command that cannot even be parsed asks for something else).
     */
    public static AlreadyRunning of(String detail, BooleanSupplier sameState) {
        boolean same;
        try {
            same = sameState.getAsBoolean();
        } catch (RuntimeException e) {
            same = false;
        }
        return new AlreadyRunning(detail, same);
    }

    /** True when the running process is in the state the command asked for. */
    public boolean asAsked() {
        return asAsked;
    }
}
