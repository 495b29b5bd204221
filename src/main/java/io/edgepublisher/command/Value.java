package io.edgepublisher.command;

/**
 * A resolved variable: its text and the type a suffix gave it. The type matters only where the value is written
 * into JSON text (COMMANDS.md §1.4): strings are quoted, numbers and booleans are not.
 */
public record Value(String text, Type type) {
    public enum Type {
        STRING, INT, FLOAT, BOOL
    }

    public static Value string(String text) {
        return new Value(text, Type.STRING);
    }
}
