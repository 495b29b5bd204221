package io.edgepublisher.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A minimal HTTP/1.1 client over a raw socket, so tests can see what JDK clients hide: the exact reason phrase,
 * custom methods such as VIEW, and that the server closes the connection after one response.
 */
public final class RawHttp {
    public record Response(int status, String reason, Map<String, String> headers, byte[] body, boolean closedByServer) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name);
        }
    }

    private RawHttp() {
    }

    public static Response send(int port, String method, String path, Map<String, String> headers, byte[] body)
        throws IOException {
        return send("127.0.0.1", port, method, path, headers, body);
    }

    /** As {@link #send(int, String, String, Map, byte[])}, to the given address instead of 127.0.0.1. */
    public static Response send(String host, int port, String method, String path, Map<String, String> headers,
                                byte[] body) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 5000);
            s.setSoTimeout(20_000);
            StringBuilder sb = new StringBuilder();
            sb.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
            sb.append("Host: ").append(host).append(':').append(port).append("\r\n");
            Map<String, String> h = new LinkedHashMap<>(headers);
            if (body != null) {
                h.putIfAbsent("Content-Length", Integer.toString(body.length));
            }
            for (Map.Entry<String, String> e : h.entrySet()) {
                sb.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n");
            }
            sb.append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            boolean closed = true;
            try {
                while ((n = in.read(buf)) >= 0) {
                    all.write(buf, 0, n);
                }
            } catch (java.net.SocketTimeoutException e) {
                closed = false;
            }
            return parse(all.toByteArray(), closed);
        }
    }

    public static Response get(int port, Map<String, String> headers) throws IOException {
        return send(port, "GET", "/", headers, null);
    }

    public static Response post(int port, Map<String, String> headers, String body) throws IOException {
        return send(port, "POST", "/", headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private static Response parse(byte[] raw, boolean closed) {
        int headerEnd = -1;
        for (int i = 0; i + 3 < raw.length; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n' && raw[i + 2] == '\r' && raw[i + 3] == '\n') {
                headerEnd = i;
                break;
            }
        }
        if (headerEnd < 0) {
            throw new IllegalStateException("No complete HTTP response: " + new String(raw, StandardCharsets.ISO_8859_1));
        }
        String head = new String(raw, 0, headerEnd, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        String[] status = lines[0].split(" ", 3);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, c).trim(), lines[i].substring(c + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, headerEnd + 4, raw.length);
        return new Response(Integer.parseInt(status[1]), status.length > 2 ? status[2] : "", headers, body, closed);
    }
}
