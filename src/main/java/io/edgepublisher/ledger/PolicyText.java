package io.edgepublisher.ledger;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.json.JsonException;
import io.edgepublisher.json.JsonParser;

/**
 * Policy text as it arrives in a command (LEDGER.md §3.1 step 0). EdgeLake rewrites the text before parsing it, and
 * the id depends on the rewrite, so it is reproduced exactly here.
 */
public final class PolicyText {
    private PolicyText() {
    }

    /**
     * EdgeLake's pre-parse rewrite: every character above {@code ~} (non-ASCII, DEL) and every control character
     * becomes one space per character (Unicode code point), and {@code |} becomes {@code "}. Callers must pass the
     * text decoded the way the route decodes it: a REST header as ISO-8859-1 (one space per UTF-8 byte), a TCP
     * command or script line as UTF-8 (one space per character); the two routes give different ids by design.
     */
    public static String rewrite(String text) {
        StringBuilder sb = null;
        int n = text.length();
        for (int i = 0; i < n; ) {
            int cp = text.codePointAt(i);
            int len = Character.charCount(cp);
            char replacement;
            if (cp > '~' || cp < 0x20) {
                replacement = ' ';
            } else if (cp == '|') {
                replacement = '"';
            } else {
                if (sb != null) {
                    sb.append((char) cp);
                }
                i += len;
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(n).append(text, 0, i);
            }
            sb.append(replacement);
            i += len;
        }
        return sb == null ? text : sb.toString();
    }

    /**
     * Rewrites and parses policy text and checks its structure.
     *
     * @param onBadJson the code for text that does not parse: 87 for {@code blockchain prepare policy} (as EdgeLake
     *                  answers over REST), 6 for {@code blockchain insert} and pushes
     * @throws CommandException {@code onBadJson} for unparsable text, 87 for a wrong structure
     */
    public static Policy parse(String text, ErrorCode onBadJson) {
        return parseRewritten(rewrite(text), onBadJson);
    }

    /** As {@link #parse} for text that must not be rewritten (already rewritten, or read from a ledger file). */
    public static Policy parseRewritten(String text, ErrorCode onBadJson) {
        Object parsed;
        try {
            parsed = JsonParser.parse(text);
        } catch (JsonException e) {
            throw new CommandException(onBadJson, "policy is not valid JSON: " + e.getMessage());
        }
        return Policy.of(parsed);
    }
}
