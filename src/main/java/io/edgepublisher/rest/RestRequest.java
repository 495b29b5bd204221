package io.edgepublisher.rest;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP request as the REST rules see it: upper-case method, path, header values by case-insensitive name
 * (decoded as ISO-8859-1, as EdgeLake does), the body bytes and the client's address.
 */
public final class RestRequest {
    private final String method;
    private final String uri;
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final byte[] body;
    private final String clientIp;
    private InputStream bodyStream;

    public RestRequest(String method, String uri, Map<String, String> headers, byte[] body, String clientIp) {
        this.method = method.toUpperCase(Locale.ROOT);
        this.uri = uri == null ? "/" : uri;
        for (Map.Entry<String, String> e : headers.entrySet()) {
            this.headers.put(e.getKey(), e.getValue() == null ? "" : e.getValue().trim());
        }
        this.body = body == null ? new byte[0] : body;
        this.clientIp = clientIp == null ? "" : clientIp;
    }

    public String method() {
        return method;
    }

    public String uri() {
        return uri;
    }

    /** The path without the query. */
    public String path() {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    public String header(String name) {
        return headers.get(name);
    }

    public Map<String, String> headers() {
        return headers;
    }

    public void header(String name, String value) {
        headers.put(name, value);
    }

    public byte[] body() {
        return body;
    }

    /**
     * The body as a stream: a PUT's body is received while it is read (it is never all in memory); other requests'
     * bodies were received before.
     */
    public InputStream bodyStream() {
        return bodyStream != null ? bodyStream : new ByteArrayInputStream(body);
    }

    /** Sets the stream a PUT body is received through ({@link #body()} then stays empty). */
    public void bodyStream(InputStream in) {
        this.bodyStream = in;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public String clientIp() {
        return clientIp;
    }
}
