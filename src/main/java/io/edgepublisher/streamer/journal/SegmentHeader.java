package io.edgepublisher.streamer.journal;

import io.edgepublisher.json.CompactJson;
import io.edgepublisher.json.JsonException;
import io.edgepublisher.json.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The first record of a segment (INTAKE.md §6.2): the buffer key, the open time in epoch milliseconds and the
 * thresholds in force, as JSON, e.g. {@code {"key":"mydb.t.0.0.json","open_ms":1714564800123,"time":60,"volume":10240}}.
 * Error buffers (flushed into the error dir) add {@code "error":true}.
 */
public record SegmentHeader(String key, boolean error, long openMs, long timeSeconds, long volumeBytes) {

    byte[] toJson() {
        StringBuilder sb = new StringBuilder(96).append("{\"key\":");
        CompactJson.quote(sb, key);
        sb.append(",\"open_ms\":").append(openMs).append(",\"time\":").append(timeSeconds).append(",\"volume\":")
                .append(volumeBytes);
        if (error) {
            sb.append(",\"error\":true");
        }
        return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses a header payload; null when it is not one. */
    static SegmentHeader parse(byte[] data, int off, int len) {
        try {
            Map<String, Object> m = JsonParser.parseObject(new String(data, off, len, StandardCharsets.UTF_8));
            Object key = m.get("key");
            Object open = m.get("open_ms");
            Object time = m.get("time");
            Object volume = m.get("volume");
            if (!(key instanceof String) || !(open instanceof Long) || !(time instanceof Long)
                    || !(volume instanceof Long)) {
                return null;
            }
            return new SegmentHeader((String) key, Boolean.TRUE.equals(m.get("error")), (Long) open, (Long) time,
                    (Long) volume);
        } catch (JsonException | IllegalArgumentException e) {
            return null;
        }
    }
}
