package io.edgepublisher.intake.mapping;

import java.util.ArrayList;
import java.util.List;

/**
 * Test-only reader of the {@code topic = (…)} groups of a captured {@code run msg client} command, producing the
 * {@link TopicSpec}s the command layer will build. Deliberately small: quotes and parentheses aware, nothing more.
 */
final class TopicCommandParser {
    private TopicCommandParser() {
    }

    static List<TopicSpec> topics(String command) {
        List<TopicSpec> out = new ArrayList<>();
        int i = 0;
        while ((i = command.indexOf("topic = (", i)) >= 0) {
            int open = command.indexOf('(', i);
            int close = matching(command, open);
            out.add(topic(command.substring(open + 1, close)));
            i = close + 1;
        }
        return out;
    }

    private static TopicSpec topic(String body) {
        String name = null;
        String dbms = null;
        String table = null;
        int qos = 0;
        List<ColumnSpec> columns = new ArrayList<>();
        for (String part : splitAnd(body)) {
            int eq = part.indexOf('=');
            String key = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            if (key.equals("name")) {
                name = value;
            } else if (key.equals("qos")) {
                qos = Integer.parseInt(value);
            } else if (key.equals("dbms")) {
                dbms = unquote(value);
            } else if (key.equals("table")) {
                table = unquote(value);
            } else if (key.startsWith("column.")) {
                String[] kp = key.split("\\.");
                if (kp.length == 3) {
                    columns.add(ColumnSpec.shortForm(kp[1], kp[2], unquote(value)));
                } else {
                    String type = null;
                    String val = null;
                    boolean optional = false;
                    for (String inner : splitAnd(value.substring(1, value.length() - 1))) {
                        int e = inner.indexOf('=');
                        String k = inner.substring(0, e).strip();
                        String v = unquote(inner.substring(e + 1).strip());
                        if (k.equals("type")) {
                            type = v;
                        } else if (k.equals("value")) {
                            val = v;
                        } else if (k.equals("optional")) {
                            optional = Boolean.parseBoolean(v);
                        }
                    }
                    columns.add(ColumnSpec.longForm(kp[1], type, val, optional));
                }
            }
        }
        return new TopicSpec(name, qos, dbms, table, columns);
    }

    private static List<String> splitAnd(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && s.startsWith(" and ", i)) {
                parts.add(s.substring(start, i));
                start = i + 5;
                i += 4;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }

    private static int matching(String s, int open) {
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced: " + s);
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}
