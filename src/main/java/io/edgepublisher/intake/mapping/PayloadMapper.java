package io.edgepublisher.intake.mapping;

import io.edgepublisher.json.JsonException;
import io.edgepublisher.json.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Payload handling of INTAKE.md §3.10 in front of a {@link TopicMapping}: size limit, UTF-8 decoding with
 * replacement, stripping, the outermost {@code {…}}/{@code […]} fallback, and a JSON list as several messages.
 */
public final class PayloadMapper {
    /** Default payload size limit: 1 MiB. */
    public static final int DEFAULT_LIMIT = 1 << 20;

    private PayloadMapper() {
    }

    /** Maps an MQTT payload (or a REST POST body as bytes). */
    public static PayloadResult map(TopicMapping mapping, byte[] payload, int limit) {
        return map(mapping, payload, limit, MappingErrors.NOT_JSON);
    }

    /** As above, failing a payload that is not JSON with {@code notJson} (Kafka: {@link MappingErrors#KAFKA_NOT_JSON}). */
    public static PayloadResult map(TopicMapping mapping, byte[] payload, int limit, String notJson) {
        if (payload.length > limit) {
            return tooLarge(payload.length, limit);
        }
        return mapText(mapping, new String(payload, StandardCharsets.UTF_8), notJson);
    }

    /** Maps an already decoded payload. */
    public static PayloadResult map(TopicMapping mapping, String payload, int limit) {
        if (utf8Length(payload, limit) > limit) { // counting stops once above the limit
            return tooLarge(utf8Length(payload, Long.MAX_VALUE), limit);
        }
        return mapText(mapping, payload, MappingErrors.NOT_JSON);
    }

    private static PayloadResult mapText(TopicMapping mapping, String decoded, String notJson) {
        String text = strip(decoded);
        Object parsed = parse(text);
        if (parsed instanceof Map) {
            MessageResult r = mapping.map(cast(parsed));
            return new PayloadResult(List.of(r.ok() ? r : r.withRaw(text)));
        }
        if (!(parsed instanceof List)) {
            return new PayloadResult(List.of(MessageResult.failure(notJson, text)));
        }
        List<?> list = (List<?>) parsed;
        List<MessageResult> out = new ArrayList<>(list.size());
        List<String> raws = null;
        for (int i = 0; i < list.size(); i++) {
            Object m = list.get(i);
            MessageResult r = m instanceof Map ? mapping.map(cast(m))
                    : MessageResult.failure(notJson, null);
            if (!r.ok()) {
                if (raws == null) {
                    raws = JsonListSplitter.elements(text);
                }
                r = r.withRaw(raws != null && i < raws.size() ? raws.get(i) : text);
            }
            out.add(r);
        }
        return new PayloadResult(out);
    }

    /** The parsed payload, falling back to its outermost {@code {…}} or {@code […]}; null when neither parses. */
    private static Object parse(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return JsonParser.parse(text);
        } catch (JsonException e) {
            // fall through: noise around the JSON
        }
        int brace = text.indexOf('{');
        int bracket = text.indexOf('[');
        int start = brace < 0 ? bracket : bracket < 0 ? brace : Math.min(brace, bracket);
        if (start < 0) {
            return null;
        }
        int end = text.lastIndexOf(text.charAt(start) == '{' ? '}' : ']');
        if (end <= start) {
            return null;
        }
        try {
            return JsonParser.parse(text.substring(start, end + 1));
        } catch (JsonException e) {
            return null;
        }
    }

    /** Removes leading and trailing white space, NUL, other control characters and a byte-order mark. */
    static String strip(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && isJunk(s.charAt(a))) {
            a++;
        }
        while (b > a && isJunk(s.charAt(b - 1))) {
            b--;
        }
        return a == 0 && b == s.length() ? s : s.substring(a, b);
    }

    private static boolean isJunk(char c) {
        return c <= ' ' || (c >= 0x7f && c <= 0x9f) || c == '\uFEFF' || Character.isWhitespace(c)
                || Character.isSpaceChar(c);
    }

    private static PayloadResult tooLarge(long size, int limit) {
        return new PayloadResult(List.of(MessageResult.failure(
                "MQTT message of " + size + " bytes exceeds the size limit of " + limit + " bytes", null)));
    }

    private static long utf8Length(String s, long stopAbove) {
        long n = 0;
        for (int i = 0; i < s.length() && n <= stopAbove; i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }
}
