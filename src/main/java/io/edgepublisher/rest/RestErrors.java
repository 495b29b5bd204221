package io.edgepublisher.rest;

import io.edgepublisher.command.CommandResult;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.json.PyJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The error replies of REST.md §4, §5.4 and §6.4. */
public final class RestErrors {
    private RestErrors() {
    }

    /** 400 with {@code {"method", "node", "err_code", "err_text"[, "operaor_msg"][, "local_msg"]}} as body and reason. */
    public static RestResponse commandFailure(RestRequest req, int code, String detail, String operatorMsg) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", req.method().equals("GET") ? "get" : "post");
        m.put("node", req.clientIp());
        m.put("err_code", code);
        m.put("err_text", ErrorCode.textOf(code));
        if (operatorMsg != null) {
            m.put("operaor_msg", operatorMsg);
        }
        if (detail != null && !detail.isEmpty()) {
            m.put("local_msg", detail);
        }
        String json = PyJson.dumps(m);
        return new RestResponse(400, reasonPhrase(json), "text/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public static RestResponse commandFailure(RestRequest req, CommandResult r) {
        return commandFailure(req, r.code(), r.detail(), null);
    }

    public static RestResponse commandFailure(RestRequest req, ErrorCode code, String detail) {
        return commandFailure(req, code.code(), detail, null);
    }

    /** 400 whose body and reason phrase are the given text (the User-Agent refusals of REST.md §2, §7). */
    public static RestResponse plain400(String text) {
        return new RestResponse(400, reasonPhrase(text), "text/json", text.getBytes(StandardCharsets.UTF_8));
    }

    /** 500 for data ingestion (REST.md §6.4): reason = the code's text, body = the detail or a JSON wrapper. */
    public static RestResponse ingestFailure(int code, String detail) {
        return ingestFailure(500, code, detail);
    }

    /**
     * A data ingestion failure with another status in the form of REST.md §6.4: 507 (Insufficient Storage) when the
     * node refused the data for lack of space, 413 when the body is over the limit.
     */
    public static RestResponse ingestFailure(int status, int code, String detail) {
        String text = ErrorCode.textOf(code);
        String body = detail != null && !detail.isEmpty() ? detail
            : "{\"AnyLog.error on REST server\":\"" + text + "\"}";
        String type = body.startsWith("{") ? "text/json" : "text";
        return new RestResponse(status, reasonPhrase(text), type, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The §5.4 JSON failure with another status than 400 (507 when POST data was refused for lack of space). */
    public static RestResponse commandFailure(int status, RestRequest req, int code, String detail) {
        RestResponse r = commandFailure(req, code, detail, null);
        RestResponse out = new RestResponse(status, r.reason(), "text/json", r.body());
        return out;
    }

    /** A reason phrase must be one line; it is truncated to 1,024 bytes. */
    static String reasonPhrase(String text) {
        String one = text.replace('\r', ' ').replace('\n', ' ');
        byte[] b = one.getBytes(StandardCharsets.UTF_8);
        if (b.length <= 1024) {
            return one;
        }
        String cut = new String(b, 0, 1024, StandardCharsets.UTF_8);
        if (cut.endsWith("\uFFFD")) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut;
    }
}
