package io.edgepublisher.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns script text into logical lines (COMMANDS.md §1.8, §1.10): blank lines and {@code #} comments are dropped,
 * a {@code <…>} block becomes one line (each line break one space), and a JSON value whose brackets are still open
 * at the end of a line continues on the next one.
 */
public final class ScriptLines {
    /** A logical line and the number of the physical line it starts on (1-based). */
    public record Line(int number, String text) {
    }

    private ScriptLines() {
    }

    public static List<Line> split(String script) {
        String[] physical = script.split("\r?\n", -1);
        List<Line> out = new ArrayList<>();
        int i = 0;
        while (i < physical.length) {
            String raw = physical[i];
            String trimmed = raw.trim();
            int number = i + 1;
            i++;
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.startsWith("<")) {
                StringBuilder sb = new StringBuilder(trimmed.substring(1));
                boolean closed = endsBlock(trimmed.substring(1));
                while (!closed && i < physical.length) {
                    String next = physical[i++].trim();
                    sb.append(' ').append(next);
                    closed = endsBlock(next);
                }
                if (!closed) {
                    throw new CommandException(ErrorCode.COMMAND_STRUCTURE,
                        "Block starting at line " + number + " has no closing '>'");
                }
                String text = sb.toString().trim();
                out.add(new Line(number, text.substring(0, text.length() - 1).trim()));
                continue;
            }
            StringBuilder sb = new StringBuilder(trimmed);
            while (openBrackets(sb) > 0 && i < physical.length) {
                sb.append(' ').append(physical[i++].trim());
            }
            out.add(new Line(number, sb.toString()));
        }
        return out;
    }

    private static boolean endsBlock(String text) {
        String t = text.trim();
        return t.endsWith(">") && !t.endsWith("=>") && openBrackets(new StringBuilder(t)) <= 0;
    }

    /** Brackets <code>{[</code> still open at the end of the text, outside double-quoted strings. */
    private static int openBrackets(CharSequence s) {
        int depth = 0;
        boolean inString = false;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (inString) {
                if (c == '\\') {
                    k++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            } else if (c == '#' && depth == 0 && (k == 0 || Character.isWhitespace(s.charAt(k - 1)))) {
                break;
            }
        }
        return depth;
    }

    /** A label line {@code :name:} → the name, else null. */
    public static String label(String line) {
        String t = line.trim();
        if (t.length() > 2 && t.startsWith(":") && t.endsWith(":") && t.indexOf(' ') < 0) {
            return t.substring(1, t.length() - 1);
        }
        return null;
    }
}
