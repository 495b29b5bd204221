package io.edgepublisher.intake;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;

/**
 * The fallback of REST.md §6.2 for text that is not JSON (for example newline-delimited JSON): every top-level
 * balanced {@code {…}}, in order, verbatim and followed by {@code \n}. Braces inside double-quoted strings within an
 * object do not count, so {@code {"a": "}"}} stays whole; text outside objects is dropped, as is an unclosed tail.
 */
final class ObjectExtractor {
    private ObjectExtractor() {
    }

    static PutRows extract(String body) {
        StringBuilder out = new StringBuilder(body.length() + 16);
        int rows = 0;
        int depth = 0;
        int start = -1;
        boolean inString = false;
        int n = body.length();
        for (int i = 0; i < n; i++) {
            char c = body.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '{') {
                if (depth++ == 0) {
                    start = i;
                }
            } else if (c == '}' && depth > 0) {
                if (--depth == 0) {
                    out.append(body, start, i + 1).append('\n');
                    rows++;
                }
            } else if (c == '"' && depth > 0) {
                inString = true;
            }
        }
        if (rows == 0) {
            throw new CommandException(ErrorCode.JSON_STRUCTURE, PutBodyParser.NO_JSON);
        }
        return new PutRows(out.toString(), rows);
    }
}
