package io.edgepublisher.wire;

/**
 * The {@code file write <name>} command text (PROTOCOL.md §7.1, §10): spaces in the name travel as TAB so the
 * receiver can split the command on spaces.
 */
public final class FileWriteCommand {
    /** Every file write command starts with this text. */
    public static final String PREFIX = "file write ";

    private FileWriteCommand() {
    }

    /** {@code file write <name>} with every space of the name replaced by TAB. */
    public static String forName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("file write needs a non-empty name");
        }
        return PREFIX + name.replace(' ', '\t');
    }

    /** True for {@code file write} commands, with or without a name. */
    public static boolean isFileWrite(String command) {
        return command.startsWith(PREFIX) || command.equals("file write");
    }

    /** The name carried by a file write command with TAB turned back into space; empty when there is none. */
    public static String nameOf(String command) {
        if (!command.startsWith(PREFIX)) {
            return "";
        }
        return command.substring(PREFIX.length()).replace('\t', ' ');
    }

    /** Payload bytes per frame for a command of {@code commandLength} bytes: {@code 1841 − command length}. */
    public static int capacity(int commandLength) {
        return FrameLayout.BODY_SIZE - commandLength;
    }
}
