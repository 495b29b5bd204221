package io.edgepublisher.intake;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.json.JsonException;
import io.edgepublisher.json.JsonParser;
import io.edgepublisher.json.PyJson;
import java.util.List;

/**
 * REST PUT body → rows (REST.md §6.2):
 * <ul>
 * <li>one JSON object: the body verbatim, one row, no newline added;</li>
 * <li>a JSON list: each element re-serialised as Python {@code json.dumps} does, each followed by {@code \n};</li>
 * <li>other text: each top-level balanced {@code {…}} verbatim, each followed by {@code \n};</li>
 * <li>errors: empty body 67, empty list 67, no object found 6.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class PutBodyParser {
    public static final String EMPTY_BODY = "Failed to process JSON data: Message Body is empty";
    public static final String NO_NEW_DATA = "REST PUT command without new data";
    public static final String NO_JSON = "Failed to identify JSON data in Put message body";

    private PutBodyParser() {
    }

    /**
     * @throws CommandException 67 for an empty body or an empty list, 6 when no JSON object can be found
     */
    public static PutRows parse(String body) {
        if (body == null || body.isBlank()) {
            throw new CommandException(ErrorCode.JSON_FILE, EMPTY_BODY);
        }
        char first = firstNonWhiteSpace(body);
        if (first == '{' && PyJsonReformatter.isObject(body)) {
            return new PutRows(body, 1);
        }
        if (first == '[') {
            PutRows rows = list(body);
            if (rows != null) {
                if (rows.rows() == 0) {
                    throw new CommandException(ErrorCode.JSON_FILE, NO_NEW_DATA);
                }
                return rows;
            }
        }
        return ObjectExtractor.extract(body);
    }

    /** The re-serialised list, or null when the body is not a valid JSON list. */
    private static PutRows list(String body) {
        StringBuilder out = new StringBuilder(body.length() + (body.length() >> 3) + 16);
        try {
            int n = PyJsonReformatter.listRows(body, out);
            return new PutRows(out.toString(), n);
        } catch (PyJsonReformatter.Invalid e) {
            return null;
        } catch (PyJsonReformatter.SlowPath e) {
            return listWithParser(body);
        }
    }

    /** General path: parse to objects (Python dict semantics for duplicate keys), then {@link PyJson}. */
    private static PutRows listWithParser(String body) {
        Object v;
        try {
            v = JsonParser.parse(body);
        } catch (JsonException e) {
            return null;
        }
        List<?> list = (List<?>) v;
        StringBuilder out = new StringBuilder(body.length() + 16);
        for (Object element : list) {
            PyJson.write(out, element);
            out.append('\n');
        }
        return new PutRows(out.toString(), list.size());
    }

    private static char firstNonWhiteSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return c;
            }
        }
        return '\0';
    }
}
