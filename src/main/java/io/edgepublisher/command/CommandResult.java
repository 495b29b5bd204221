package io.edgepublisher.command;

/**
 * The outcome of one command line: code 0 with optional output, or an error code with its EdgeLake text and an
 * optional detail. Script control lines (goto, end script, exit scripts) come back as a {@link Control}.
 */
public record CommandResult(int code, String output, String detail, Control control, String label) {

    public enum Control {
        NONE, GOTO, END_SCRIPT, EXIT_SCRIPTS, ON_ERROR, NOT_IMPLEMENTED
    }

    public static CommandResult ok(Output out) {
        return new CommandResult(0, out == null ? null : out.text(), null, Control.NONE, null);
    }

    public static CommandResult ok() {
        return new CommandResult(0, null, null, Control.NONE, null);
    }

    public static CommandResult error(CommandException e) {
        return new CommandResult(e.code(), null, e.detail(), Control.NONE, null);
    }

    public static CommandResult error(ErrorCode code, String detail) {
        return new CommandResult(code.code(), null, detail, Control.NONE, null);
    }

    public static CommandResult control(Control c, String label) {
        return new CommandResult(0, null, null, c, label);
    }

    /** A command the build does not implement yet: scripts log it and go on (CONFIG.md §6.3 notes). */
    public static CommandResult notImplemented(String phrase) {
        return new CommandResult(ErrorCode.NOT_SUPPORTED.code(), null,
            "'" + phrase + "' is not implemented yet in this build", Control.NOT_IMPLEMENTED, null);
    }

    public boolean isOk() {
        return code == 0;
    }

    public boolean isError() {
        return code != 0;
    }

    public String codeText() {
        return ErrorCode.textOf(code);
    }

    /** One line for logs and consoles: the code, its text and the detail. */
    public String describe() {
        if (code == 0) {
            return "Success";
        }
        return "Error " + code + " \"" + codeText() + "\"" + (detail == null ? "" : ": " + detail);
    }
}
