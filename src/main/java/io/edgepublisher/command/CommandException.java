package io.edgepublisher.command;

/**
 * A command failed with an EdgeLake error code and, optionally, a detail text that says what was wrong.
 * Thrown by parsers and commands; the interpreter turns it into a {@link CommandResult}.
 */
public class CommandException extends RuntimeException {
    private final int code;
    private final String detail;

    public CommandException(ErrorCode code) {
        this(code.code(), null);
    }

    public CommandException(ErrorCode code, String detail) {
        this(code.code(), detail);
    }

    public CommandException(int code, String detail) {
        super(detail == null ? ErrorCode.textOf(code) : ErrorCode.textOf(code) + ": " + detail);
        this.code = code;
        this.detail = detail;
    }

    public CommandException(ErrorCode code, String detail, Throwable cause) {
        this(code, detail);
        initCause(cause);
    }

    public int code() {
        return code;
    }

    /** The specific detail, or null when the code's text says everything. */
    public String detail() {
        return detail;
    }

    public String codeText() {
        return ErrorCode.textOf(code);
    }
}
