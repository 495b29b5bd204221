package io.edgepublisher.rest;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP response: status, reason phrase (null for the standard one), headers and body. */
public final class RestResponse {
    private final int status;
    private final String reason;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final byte[] body;

    public RestResponse(int status, String reason, String contentType, byte[] body) {
        this.status = status;
        this.reason = reason;
        this.body = body == null ? new byte[0] : body;
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
    }

    public static RestResponse text(int status, String reason, String text) {
        String type = text == null || text.isEmpty() ? null
            : io.edgepublisher.command.Output.looksLikeJson(text) ? "text/json" : "text";
        return new RestResponse(status, reason, type, text == null ? null : text.getBytes(StandardCharsets.UTF_8));
    }

    public static RestResponse empty(int status) {
        return new RestResponse(status, null, null, null);
    }

    public RestResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
