package io.edgepublisher.command;

import io.edgepublisher.json.PyJson;

/**
 * Puts dictionary values into JSON text (COMMANDS.md §1.4). Outside string literals, {@code !k} after a space,
 * {@code :}, {@code ,}, {@code [} or <code>{</code> becomes a JSON string, or a bare number/boolean with the
 * {@code .int}, {@code .float} and {@code .bool} suffixes; inside a string literal it is replaced in place.
 */
public final class JsonSubstitution {
    private JsonSubstitution() {
    }

    public static String apply(String json, VariableResolver resolver) {
        if (json.indexOf('!') < 0) {
            return json;
        }
        StringBuilder sb = new StringBuilder(json.length() + 32);
        boolean inString = false;
        int i = 0;
        while (i < json.length()) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\' && i + 1 < json.length()) {
                    sb.append(c).append(json.charAt(i + 1));
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    inString = false;
                    sb.append(c);
                    i++;
                    continue;
                }
                if (c == '!' && startsVariable(json, i)) {
                    int end = variableEnd(json, i);
                    Value v = resolver.resolveText(json.substring(i, end));
                    if (v != null) {
                        escapeInto(sb, v.text());
                        i = end;
                        continue;
                    }
                }
                sb.append(c);
                i++;
                continue;
            }
            if (c == '"') {
                inString = true;
                sb.append(c);
                i++;
                continue;
            }
            if (c == '!' && startsVariable(json, i) && followsDelimiter(json, i)) {
                int end = variableEnd(json, i);
                String word = json.substring(i, end);
                Value v = resolver.resolveText(word);
                if (v == null) {
                    throw VariableResolver.undefined(word);
                }
                switch (v.type()) {
                    case INT:
                    case FLOAT:
                    case BOOL:
                        sb.append(v.text());
                        break;
                    default:
                        PyJson.quote(sb, v.text());
                }
                i = end;
                continue;
            }
            sb.append(c);
            i++;
        }
        return sb.toString();
    }

    private static boolean startsVariable(String s, int i) {
        return i + 1 < s.length() && (Character.isLetter(s.charAt(i + 1)) || s.charAt(i + 1) == '_');
    }

    private static boolean followsDelimiter(String s, int i) {
        int j = i - 1;
        if (j < 0) {
            return true;
        }
        char p = s.charAt(j);
        return p == ' ' || p == ':' || p == ',' || p == '[' || p == '{' || p == '\t' || p == '\n' || p == '\r';
    }

    private static int variableEnd(String s, int i) {
        int j = i + 1;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (Character.isLetterOrDigit(c) || c == '_') {
                j++;
            } else if (c == '.' && j + 1 < s.length() && Character.isLetter(s.charAt(j + 1))) {
                j++;
            } else {
                break;
            }
        }
        return j;
    }

    private static void escapeInto(StringBuilder sb, String text) {
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
    }
}
