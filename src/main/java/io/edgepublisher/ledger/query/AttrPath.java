package io.edgepublisher.ledger.query;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A path into a policy: {@code name}, {@code a[b]}, {@code [a][b]} (LEDGER.md §5.2) or a bring term
 * {@code [type][attr]…} (§5.3). A step over a list reaches into each of its objects, so
 * {@code table[name]} reads the {@code name} of every entry of a cluster's {@code table} list; a numeric step over
 * a list takes that element, and an empty step {@code []} (EdgeLake's list marker) is skipped.
 */
final class AttrPath {
    /** The result of resolving a path that does not exist in the value. */
    static final Object MISSING = new Object();

    private final List<String> segments;

    private AttrPath(List<String> segments) {
        this.segments = Collections.unmodifiableList(segments);
    }

    List<String> segments() {
        return segments;
    }

    /** The last named step (the key of a {@code bring.json} object). */
    String lastKey() {
        for (int i = segments.size() - 1; i >= 0; i--) {
            if (!segments.get(i).isEmpty()) {
                return segments.get(i);
            }
        }
        return "";
    }

    /**
     * A condition key: an attribute name optionally followed by {@code [..]} steps, or only {@code [..]} steps.
     *
     * @throws CommandException 2 when the brackets are malformed
     */
    static AttrPath parseKey(String word) {
        int open = word.indexOf('[');
        List<String> segs = new ArrayList<>();
        if (open != 0) {
            String head = open < 0 ? word : word.substring(0, open);
            if (head.isEmpty() || head.indexOf(']') >= 0) {
                throw badKey(word);
            }
            segs.add(head);
            if (open < 0) {
                return new AttrPath(segs);
            }
        }
        if (!brackets(word, open, segs) || segs.isEmpty() || segs.get(0).isEmpty()) {
            throw badKey(word);
        }
        return new AttrPath(segs);
    }

    /** A bring term made only of {@code [..]} groups, or null when the word is a literal. */
    static AttrPath parseTerm(String word) {
        if (!word.startsWith("[") || !word.endsWith("]")) {
            return null;
        }
        List<String> segs = new ArrayList<>();
        return brackets(word, 0, segs) ? new AttrPath(segs) : null;
    }

    private static boolean brackets(String word, int from, List<String> out) {
        int i = from;
        while (i < word.length()) {
            if (word.charAt(i) != '[') {
                return false;
            }
            int close = word.indexOf(']', i + 1);
            if (close < 0) {
                return false;
            }
            String inner = word.substring(i + 1, close).trim();
            if (inner.indexOf('[') >= 0) {
                return false;
            }
            out.add(Words.unquote(inner));
            i = close + 1;
        }
        return true;
    }

    private static CommandException badKey(String word) {
        return new CommandException(ErrorCode.COMMAND_STRUCTURE, "Wrong key in 'where' condition: '" + word + "'");
    }

    /** The value at the path from {@code segments[from]} on, a list when the path went through lists, or MISSING. */
    Object resolve(Object start, int from) {
        Object cur = start;
        for (int i = from; i < segments.size(); i++) {
            String seg = segments.get(i);
            if (seg.isEmpty()) {
                continue;
            }
            cur = step(cur, seg);
            if (cur == MISSING) {
                return MISSING;
            }
        }
        return cur;
    }

    private static Object step(Object cur, String seg) {
        if (cur instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) cur;
            return m.containsKey(seg) ? m.get(seg) : MISSING;
        }
        if (cur instanceof List) {
            List<?> list = (List<?>) cur;
            if (isIndex(seg)) {
                int idx = Integer.parseInt(seg);
                return idx < list.size() ? list.get(idx) : MISSING;
            }
            List<Object> hits = new ArrayList<>();
            for (Object element : list) {
                Object r = step(element, seg);
                if (r != MISSING) {
                    hits.add(r);
                }
            }
            return hits.isEmpty() ? MISSING : Collections.unmodifiableList(hits);
        }
        return MISSING;
    }

    private static boolean isIndex(String seg) {
        if (seg.length() > 6) {
            return false;
        }
        for (int i = 0; i < seg.length(); i++) {
            if (seg.charAt(i) < '0' || seg.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Every scalar the resolved value holds, lists flattened (what a condition tests). */
    static void flatten(Object resolved, List<Object> out) {
        if (resolved instanceof List) {
            for (Object o : (List<?>) resolved) {
                flatten(o, out);
            }
        } else if (resolved != MISSING) {
            out.add(resolved);
        }
    }

    @Override
    public String toString() {
        return segments.toString();
    }
}
